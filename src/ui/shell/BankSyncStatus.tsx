import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { callCoffer } from '../ipc/callCoffer';
import type { BankSyncState } from '../ipc/wire';

/** How often the sidebar asks the shell where the sync stands: asking reads no vault data and is no activity. */
const POLL_MS = 5_000;

const DOT: Record<BankSyncState['state'], string> = {
  off: 'bg-emerald-400 ring-emerald-400/15',
  waiting: 'bg-amber-300 ring-amber-300/15',
  syncing: 'bg-amber-300 ring-amber-300/15 animate-pulse',
  synced: 'bg-emerald-400 ring-emerald-400/15',
  offline: 'bg-slate-400 ring-slate-400/15',
  failed: 'bg-rose-400 ring-rose-400/15',
};

/**
 * The sidebar's line on the bank: the shell syncs an enrolled vault by itself while it is open (this window
 * has no network of its own); a vault with no bank says it is local only.
 */
export function BankSyncStatus() {
  const { t } = useI18n();
  const [sync, setSync] = useState<BankSyncState | undefined>();
  useEffect(() => {
    let live = true;
    const ask = () =>
      void callCoffer('session.state', {}).then((result) => {
        if (live && result.ok && !result.value.locked) setSync(result.value.sync);
      });
    ask();
    const timer = setInterval(ask, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);
  const state = sync?.state ?? 'off';
  const time = (iso: string | null) => (iso === null ? '' : new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }));
  const text =
    sync === undefined || state === 'off'
      ? t('shell.offline')
      : state === 'synced'
        ? t('sync.synced', { time: time(sync.lastSyncedAt) })
        : state === 'offline'
          ? t('sync.offline', { time: time(sync.nextAt) })
          : state === 'failed'
            ? t('sync.failed', { code: sync.error?.code ?? '' })
            : t(state === 'syncing' ? 'sync.syncing' : 'sync.waiting');
  return (
    <p data-bank-sync={state} className="flex items-center gap-2 text-slate-400" title={sync?.error?.message ?? undefined} role="status">
      <span className={`size-2 shrink-0 rounded-full ring-4 ${DOT[state]}`} />
      {text}
    </p>
  );
}

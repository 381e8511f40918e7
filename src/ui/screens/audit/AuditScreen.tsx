import { useState } from 'react';
import { ActionButton } from '../../components/ActionButton';
import { Card, Page } from '../../components/Page';
import { RefusalNotice } from '../../components/RefusalNotice';
import { SelectInput, TextInput } from '../../components/TextInput';
import { useI18n } from '../../i18n/i18n';
import { callCoffer, refusalOf } from '../../ipc/callCoffer';
import { useCommand } from '../../ipc/useCommand';
import type { CommandOutput } from '../../../api/index.js';
import type { Refusal } from '../../ipc/wire';
import { useCan } from '../../session/SessionContext';

const PAGE = 50;

/** The C2SP checkpoint body: origin, tree size, root hash (base64), then the signatures. */
function checkpointFacts(note: string): { origin: string; size: string; root: string } {
  const [origin = '', size = '', root = ''] = note.split('\n');
  return { origin, size, root };
}

function Verify() {
  const { t, number } = useI18n();
  const [progress, setProgress] = useState<{ done: number; total?: number } | undefined>();
  const [result, setResult] = useState<CommandOutput<'audit.verify'> | undefined>();
  const [refusal, setRefusal] = useState<Refusal | undefined>();
  const [busy, setBusy] = useState(false);
  async function verify() {
    setBusy(true);
    setResult(undefined);
    setRefusal(undefined);
    setProgress({ done: 0 });
    const answer = await callCoffer('audit.verify', {}, setProgress);
    setBusy(false);
    if (answer.ok) setResult(answer.value);
    else setRefusal(answer.error);
  }
  const percent = progress?.total ? Math.round((progress.done / progress.total) * 100) : undefined;
  return (
    <Card title={t('audit.verify')} labelledBy="audit-verify">
      <div className="space-y-3 p-6">
        <p className="text-sm text-slate-700">{t('audit.verifyHint')}</p>
        <ActionButton tone="primary" onPress={() => void verify()} isDisabled={busy}>{busy ? t('audit.verifying') : t('audit.verifyNow')}</ActionButton>
        {busy && (
          <div>
            <progress aria-label={t('audit.verifying')} value={progress?.done ?? 0} max={progress?.total ?? 1} className="h-2 w-full accent-emerald-600" />
            <p className="text-xs text-slate-600">{percent === undefined ? t('audit.starting') : t('audit.progress', { done: number(progress?.done ?? 0), total: number(progress?.total ?? 0) })}</p>
          </div>
        )}
        {result && (
          <div role="status" data-verified className="rounded-xl border-2 border-emerald-400 bg-emerald-50 p-4 text-sm text-emerald-950">
            <p className="text-base font-semibold">{t('audit.verified')}</p>
            <p>{t('audit.verifiedFacts', { size: number(result.size), checkpoints: number(result.checkpoints), records: number(result.records ?? 0) })}</p>
            <p className="break-all font-mono text-xs">{t('audit.root')}: {result.rootHash}</p>
          </div>
        )}
        {refusal && <RefusalNotice refusal={refusal} />}
      </div>
    </Card>
  );
}

function Checkpoint() {
  const { t, number } = useI18n();
  const checkpoint = useCommand('audit.checkpoint', {});
  if (checkpoint.isError) return <RefusalNotice refusal={refusalOf(checkpoint.error)} />;
  if (!checkpoint.data) return null;
  const facts = checkpointFacts(checkpoint.data.checkpoint);
  return (
    <Card title={t('audit.checkpoint')} labelledBy="audit-checkpoint">
      <dl className="grid grid-cols-1 gap-3 p-6 text-sm md:grid-cols-3">
        <div><dt className="text-slate-600">{t('audit.size')}</dt><dd data-size className="text-lg font-semibold tabular-nums">{number(checkpoint.data.size)}</dd></div>
        <div className="md:col-span-2"><dt className="text-slate-600">{t('audit.root')}</dt><dd className="break-all font-mono text-xs">{facts.root}</dd></div>
        <div className="md:col-span-3"><dt className="text-slate-600">{t('audit.origin')}</dt><dd className="break-all font-mono text-xs">{facts.origin}</dd></div>
      </dl>
    </Card>
  );
}

/** The log: entries newest page first (each page oldest first), filters, the last checkpoint and a full verification. */
export function AuditScreen() {
  const { t, dateTime, number } = useI18n();
  const can = useCan();
  const [action, setAction] = useState('');
  const [actor, setActor] = useState('');
  const [outcome, setOutcome] = useState('');
  const [since, setSince] = useState('');
  const [page, setPage] = useState(0);
  const filter = {
    ...(action.trim() ? { action: action.trim() } : {}),
    ...(actor.trim() ? { actor: actor.trim() } : {}),
    ...(outcome ? { outcome: outcome as 'allowed' } : {}),
    ...(since ? { since } : {}),
    limit: PAGE,
    offset: page * PAGE,
  };
  const log = useCommand('audit.log', filter);
  const total = log.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE));
  const reset = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setPage(0);
  };

  return (
    <Page id="audit" title={t('nav.audit')} subtitle={log.data ? t(log.data.scope === 'all' ? 'audit.scopeAll' : 'audit.scopeOwn') : undefined} ready={log.isSuccess} wide>
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
        {can('audit.checkpoint') && <Checkpoint />}
        {can('audit.verify') && <Verify />}
      </div>
      <div className="grid grid-cols-1 gap-4 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm md:grid-cols-4">
        <TextInput label={t('audit.action')} value={action} onChange={reset(setAction)} description={t('audit.actionHint')} />
        <TextInput label={t('audit.actor')} value={actor} onChange={reset(setActor)} />
        <SelectInput id="audit-outcome" label={t('audit.outcome')} value={outcome} onChange={reset(setOutcome)} options={[{ value: '', label: t('audit.any') }, ...(['allowed', 'denied', 'failed'] as const).map((o) => ({ value: o, label: t(`audit.outcome.${o}`) }))]} />
        <div className="flex flex-col gap-1">
          <label htmlFor="audit-since" className="text-sm font-medium text-slate-700">{t('audit.since')}</label>
          <input id="audit-since" type="date" value={since} onChange={(e) => reset(setSince)(e.target.value)} className="rounded-lg border border-slate-300 px-3 py-2 text-sm outline-none focus:ring-4 focus:ring-emerald-500/30 focus-within:ring-4 focus-within:ring-emerald-500/30 focus-within:outline-2 focus-within:outline-solid focus-within:outline-emerald-600" />
        </div>
      </div>
      {log.isError && <RefusalNotice refusal={refusalOf(log.error)} />}
      {log.data && (
        <Card>
          <table className="w-full text-sm" data-list="audit">
            <caption className="sr-only">{t('nav.audit')}</caption>
            <thead className="text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-3">#</th>
                <th scope="col" className="px-4 py-3">{t('audit.time')}</th>
                <th scope="col" className="px-4 py-3">{t('audit.actor')}</th>
                <th scope="col" className="px-4 py-3">{t('audit.action')}</th>
                <th scope="col" className="px-4 py-3">{t('audit.target')}</th>
                <th scope="col" className="px-4 py-3">{t('audit.outcome')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {[...log.data.entries].reverse().map((entry) => (
                <tr key={entry.seq} data-entry={entry.seq}>
                  <td className="px-4 py-2 tabular-nums text-slate-600">{entry.seq}</td>
                  <td className="whitespace-nowrap px-4 py-2 tabular-nums">{dateTime(entry.time)}</td>
                  <td className="px-4 py-2">{entry.actor.userId}</td>
                  <td className="px-4 py-2 font-mono text-xs">{entry.action}</td>
                  <td className="max-w-xs truncate px-4 py-2 font-mono text-xs">{entry.target ?? '—'}</td>
                  <td className={`px-4 py-2 ${entry.outcome === 'allowed' ? 'text-emerald-800' : 'font-medium text-rose-800'}`}>{t(`audit.outcome.${entry.outcome}`)}{entry.reason ? ` · ${entry.reason}` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="flex items-center justify-between border-t border-slate-100 px-4 py-3 text-sm">
            <p className="text-slate-700">{t('audit.page', { page: number(page + 1), pages: number(pages), total: number(total) })}</p>
            <div className="flex gap-2">
              <ActionButton onPress={() => setPage((p) => Math.max(0, p - 1))} isDisabled={page === 0}>{t('audit.newer')}</ActionButton>
              <ActionButton onPress={() => setPage((p) => Math.min(pages - 1, p + 1))} isDisabled={page + 1 >= pages}>{t('audit.older')}</ActionButton>
            </div>
          </div>
        </Card>
      )}
    </Page>
  );
}

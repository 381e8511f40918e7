import type { AppSession } from '../app/index.js';
import type { ErrorCode } from '../contract/index.js';

/** How often an open, enrolled vault syncs with the bank by itself: 100,000 customers every five minutes is the gateway's sizing. */
export const DEFAULT_SYNC_EVERY_MS = 5 * 60 * 1000;
/** After an unlock, soon but not in the way of the first screen. */
const FIRST_SYNC_AFTER_MS = 3_000;
/** The first retry after a sync that could not reach the bank; doubled per failure, up to the regular interval. */
const FIRST_RETRY_AFTER_MS = 30_000;

export interface BackgroundSyncState {
  /** off: not enrolled, or the user's roles may not sync; offline: the gateway was not reached; failed: it refused. */
  state: 'off' | 'waiting' | 'syncing' | 'synced' | 'offline' | 'failed';
  /** When a sync last finished (in this session). */
  lastSyncedAt: string | null;
  /** Why the last sync did not finish, or what it refused while finishing (an account's statements). */
  error: { code: ErrorCode; message: string } | null;
  /** When the next sync starts, while one is planned. */
  nextAt: string | null;
}

export interface BackgroundSyncOptions {
  everyMs?: number;
  firstAfterMs?: number;
  firstRetryAfterMs?: number;
}

export interface BackgroundSync {
  state(): BackgroundSyncState;
  /** Runs `sync` after any sync under way, so that two never run at once (the window's own sync goes through here too). */
  serialise<T>(sync: () => Promise<T>): Promise<T>;
  stop(): void;
}

/**
 * The desktop's sync with the bank while the vault is open (issue 13, "Sync, offline-first"): at unlock, then
 * every `everyMs`, sooner again with back-off when the bank was out of reach. Each one is `bank.sync` through
 * the session like any command (its permission, its audit entries), but unattended: it never counts as the
 * user's activity, so it never keeps an idle vault from locking, and a lock stops it.
 */
export function startBackgroundSync(session: AppSession, options: BackgroundSyncOptions = {}): BackgroundSync {
  const everyMs = options.everyMs ?? DEFAULT_SYNC_EVERY_MS;
  const firstRetryMs = Math.min(options.firstRetryAfterMs ?? FIRST_RETRY_AFTER_MS, everyMs);
  const enabled = session.facts.enrolled && session.facts.permissions.includes('bank:sync');
  let current: BackgroundSyncState = { state: enabled ? 'waiting' : 'off', lastSyncedAt: null, error: null, nextAt: null };
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let failures = 0;
  let chain: Promise<unknown> = Promise.resolve();

  function serialise<T>(sync: () => Promise<T>): Promise<T> {
    const run = chain.then(sync, sync);
    chain = run.catch(() => undefined);
    return run;
  }

  function plan(afterMs: number): void {
    if (stopped) return;
    current = { ...current, nextAt: new Date(Date.now() + afterMs).toISOString() };
    timer = setTimeout(() => void runOnce(), afterMs);
    // A planned sync alone must not keep the process alive.
    timer.unref();
  }

  async function runOnce(): Promise<void> {
    if (stopped || session.isLocked) return;
    current = { ...current, state: 'syncing', nextAt: null };
    const result = await serialise(() => session.dispatch('bank.sync', {}, { unattended: true }));
    if (stopped) return;
    if (result.ok) {
      failures = 0;
      // One account's refused page no longer fails the sync; the window still says so (the sidebar's tooltip).
      const refused = result.value.statements.filter((account) => account.refused !== undefined).length;
      const error = refused === 0 ? null : { code: 'APP_BALANCE_MISMATCH' as const, message: `the bank's statements of ${refused} account(s) did not add up to its balance and were refused: the next sync asks again` };
      current = { state: 'synced', lastSyncedAt: new Date().toISOString(), error, nextAt: null };
      plan(everyMs);
      return;
    }
    const error = { code: result.error.code, message: result.error.message.split('\n')[0] ?? '' };
    // Locked while it ran: the lock stops the plan; the next unlock starts a new one.
    if (error.code === 'VAULT_LOCKED') return;
    failures += 1;
    const offline = error.code === 'APP_GATEWAY_UNREACHABLE';
    current = { ...current, state: offline ? 'offline' : 'failed', error, nextAt: null };
    plan(offline ? Math.min(everyMs, firstRetryMs * 2 ** (failures - 1)) : everyMs);
  }

  if (enabled) plan(options.firstAfterMs ?? FIRST_SYNC_AFTER_MS);
  return {
    state: () => ({ ...current }),
    serialise,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

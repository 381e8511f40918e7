import { COMMAND_LIST, keyUnlockOptions, openLocalAppSession, type AppSession, type VaultSecret } from '../app/index.js';
import { CofferError } from '../contract/index.js';
import { startBackgroundSync, type BackgroundSync, type BackgroundSyncOptions } from './backgroundSync.js';
import type { BlockedEvent } from './blockedEvent.js';
import type { LockReason, ShellBackend, ShellResult, UnlockedSession } from './shellBackend.js';

export interface SessionBackendOptions {
  /** Lock sooner than the vault's setting (never later): tests and kiosks. */
  maxLockAfterMs?: number;
  /** The WebAuthn relying party (the window's origin is https://desktop.<rpId>); default bank.example. */
  rpId?: string;
  /** The sync with the bank while unlocked (backgroundSync.ts); false: none (a window with one task). */
  sync?: BackgroundSyncOptions | false;
}

/** The vault's default idle time, for a session that reports none (it always does when it locks by itself). */
const DEFAULT_LOCK_AFTER_MS = 5 * 60 * 1000;

/** Refusals kept while the vault is locked (a renderer looping on refusals cannot grow the shell's memory). */
const MAX_PENDING_BLOCKED = 500;
/** The most a single `desktop.blocked` carries (its schema's bound). */
const BLOCKED_PER_ENTRY = 100;

/**
 * Commands the window may ask for: every command of the app API except those whose answer is a secret the
 * renderer must never hold (the raw data key), which only the command line gives out.
 */
const WINDOW_COMMANDS: ReadonlySet<string> = new Set(
  COMMAND_LIST.filter((command) => command.spec.revealsSecret !== true && command.spec.shellOnly !== true).map((command) => command.spec.name),
);

function infoOf(session: AppSession): UnlockedSession {
  const { userId, vaultId, roles, permissions, lockAfterMs } = session.facts;
  return { userId, vaultId, roles, permissions, lockAfterMs: lockAfterMs ?? DEFAULT_LOCK_AFTER_MS };
}

function refusalOf(error: unknown): ShellResult<never> {
  if (error instanceof CofferError) return { ok: false, error: { code: error.code, message: error.message.split('\n')[0] ?? '' } };
  return { ok: false, error: { code: 'APP_INTERNAL', message: 'unexpected internal error' } };
}

/**
 * The shell's backend on the app's one front door: an app session opened with the password, every renderer
 * request a dispatch (permissions, audit entry, step-up), the vault's own idle lock.
 */
export function openSessionBackend(vaultDir: string, options: SessionBackendOptions = {}): ShellBackend {
  let open: { session: AppSession; info: UnlockedSession; sync: BackgroundSync | undefined; stopListening: () => void } | undefined;
  let unlocking = false;
  /** Why the next lock happens, when the shell asked for it; anything else locking is the idle timer. */
  let requested: LockReason | undefined;
  const listeners = new Set<(reason: LockReason) => void>();
  const unlockListeners = new Set<() => void>();
  /** Refusals not yet in the log, and how many were dropped beyond MAX_PENDING_BLOCKED. */
  let pending: { kind: BlockedEvent['kind']; target: string; reason: string; at: string }[] = [];
  let dropped = 0;
  let flushing = false;

  /** Writes what is pending into the log of the open session; what fails to write is told on stderr. */
  async function flushBlocked(): Promise<void> {
    if (flushing || open === undefined) return;
    flushing = true;
    try {
      while (pending.length > 0 && open !== undefined) {
        const events = pending.slice(0, BLOCKED_PER_ENTRY);
        pending = pending.slice(events.length);
        const result = await open.session.dispatch('desktop.blocked', { events });
        if (!result.ok) process.stderr.write(`coffer: ${events.length} refusal(s) of the window could not be audited: ${result.error.code}\n`);
      }
      if (dropped > 0 && open !== undefined) {
        const at = new Date().toISOString();
        await open.session.dispatch('desktop.blocked', { events: [{ kind: 'ipc', target: `(${dropped} more while locked)`, reason: 'DESKTOP_BUSY', at }] });
        dropped = 0;
      }
    } finally {
      flushing = false;
    }
  }

  function locked(): void {
    const reason = requested ?? 'idle';
    requested = undefined;
    open?.stopListening();
    open?.sync?.stop();
    open = undefined;
    for (const listener of listeners) listener(reason);
  }

  async function unlock(secret: VaultSecret): Promise<ShellResult<UnlockedSession>> {
    if (open !== undefined) return { ok: false, error: { code: 'DESKTOP_ALREADY_UNLOCKED', message: 'the vault is already unlocked' } };
    if (unlocking) return { ok: false, error: { code: 'DESKTOP_BUSY', message: 'an unlock is already under way' } };
    unlocking = true;
    try {
      const session = await openLocalAppSession(vaultDir, secret, {
        ...(options.maxLockAfterMs === undefined ? {} : { maxIdleMs: options.maxLockAfterMs }),
        ...(options.rpId === undefined ? {} : { rpId: options.rpId }),
      });
      const info = infoOf(session);
      const sync = options.sync === false ? undefined : startBackgroundSync(session, options.sync);
      open = { session, info, sync, stopListening: session.onLock(locked) };
      await flushBlocked();
      for (const listener of unlockListeners) listener();
      return { ok: true, value: info };
    } catch (error) {
      return refusalOf(error);
    } finally {
      unlocking = false;
    }
  }

  return {
    commands: WINDOW_COMMANDS,
    unlock: (password) => unlock({ password }),
    keyUnlockOptions() {
      try {
        return { ok: true, value: keyUnlockOptions(vaultDir, options.rpId) };
      } catch (error) {
        return refusalOf(error);
      }
    },
    // The vault layer zeroes the output once tried (unlockVault's candidates).
    unlockWithKey: (credentialId, prfOutput, password) =>
      unlock(password === undefined ? { prf: { credentialId, output: prfOutput } } : { passwordAndKey: { password, credentialId, output: prfOutput } }),
    demoAuthenticator: () => open?.session.demoAuthenticator,
    onUnlock(listener) {
      unlockListeners.add(listener);
      return () => unlockListeners.delete(listener);
    },
    session: () => open?.info,
    syncState: () => open?.sync?.state(),
    async dispatch(command, input, call = {}) {
      const current = open;
      if (current === undefined) return { ok: false, error: { code: 'DESKTOP_LOCKED', message: 'the vault is locked: unlock it first' } };
      // Ensure the window never runs a command outside its list, whatever reached the door.
      if (!WINDOW_COMMANDS.has(command)) return { ok: false, error: { code: 'APP_UNKNOWN_COMMAND', message: 'expected a command the window may run' } };
      const run = () =>
        current.session.dispatchUnknown(command, input, {
          ...(call.onProgress ? { onProgress: call.onProgress } : {}),
          ...(call.signal ? { signal: call.signal } : {}),
          ...(call.stepUpProof === undefined ? {} : { stepUpProof: call.stepUpProof }),
          ...(call.probeStepUp === true ? { probeStepUp: true } : {}),
        });
      // The window's own sync waits for a background one under way: two at once would send the same outbox twice.
      const result = await (command === 'bank.sync' && current.sync !== undefined ? current.sync.serialise(run) : run());
      // The first-run screen's enrolment made the bank's user the vault's: the window goes on as that user, with
      // the roles the bank signed, as after an unlock (the same vault stays open; its lock listener with it), and
      // now syncs with the bank it enrolled at.
      if (command === 'bank.enrol' && result.ok && call.probeStepUp !== true && current.session.renew !== undefined && open === current) {
        try {
          const session = await current.session.renew();
          current.sync?.stop();
          const sync = options.sync === false ? undefined : startBackgroundSync(session, options.sync);
          open = { session, info: infoOf(session), sync, stopListening: current.stopListening };
        } catch (error) {
          return refusalOf(error);
        }
      }
      return result;
    },
    async lock(reason) {
      const current = open;
      if (current === undefined) return;
      requested = reason;
      await current.session.lock();
    },
    recordBlocked(event) {
      if (pending.length >= MAX_PENDING_BLOCKED) dropped++;
      else pending.push({ kind: event.kind, target: event.target.slice(0, 200) || '(none)', reason: /^[A-Z][A-Z0-9_]{2,63}$/.test(event.reason) ? event.reason : 'DESKTOP_INTERNAL', at: new Date().toISOString() });
      // After the current door call has answered: one entry batch per burst of refusals.
      queueMicrotask(() => void flushBlocked().catch(() => undefined));
    },
    onLock(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/*
 * TEMPORARY (issue 11, phase 1): the shell's backend on today's exports of src/app, until the app API's
 * `openAppSession` (issue 8) lands and replaces this file. It runs the vault in this process (not yet in
 * a worker), keeps the vault open by holding `withUnlockedVault`'s callback until lock, and keeps the idle
 * timer itself, since `withUnlockedVault` turns the vault's own auto-lock off.
 */
import { COMMANDS, dispatch, openSession, withUnlockedVault, type Session } from '../app/index.js';
import type { LockReason, ShellBackend, ShellResult, UnlockedSession } from './shellBackend.js';

/** The vault's default (src/vault DEFAULT_AUTO_LOCK_MS), used when the vault names no idle time. */
const DEFAULT_LOCK_AFTER_MS = 5 * 60 * 1000;
/** The vault setting the auto-lock time is kept in (src/vault AUTO_LOCK_SETTING); `settings.set` will own it. */
const AUTO_LOCK_SETTING = 'vault.auto_lock_seconds';
const OUR_CODE = /^(VAULT|CRYPTO|AUDIT|POLICY|DOMAIN|APP|DESKTOP)_[A-Z0-9_]+$/;

export interface InterimBackendOptions {
  /** Lock sooner than the vault's setting (never later): tests and kiosks. */
  maxLockAfterMs?: number;
}

/** A thrown error as a refusal: our codes keep their first line, anything else says nothing (it could carry data). */
function refusalOf(error: unknown): ShellResult<never> {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && OUR_CODE.test(code)) return { ok: false, error: { code, message: error instanceof Error ? (error.message.split('\n')[0] ?? '') : '' } };
  return { ok: false, error: { code: 'APP_INTERNAL', message: 'unexpected internal error' } };
}

function configuredLockAfterMs(session: Session): number {
  // Interim: read through the session's database handle; the app API will answer this as a setting.
  const value = session.vault.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(AUTO_LOCK_SETTING) as string | undefined;
  const seconds = Number(value);
  return value !== undefined && Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_LOCK_AFTER_MS;
}

interface Open {
  session: Session;
  info: UnlockedSession;
  release: () => void;
  closed: Promise<unknown>;
  timer: NodeJS.Timeout | undefined;
}

export function openInterimBackend(vaultDir: string, options: InterimBackendOptions = {}): ShellBackend {
  let open: Open | undefined;
  let unlocking = false;
  const listeners = new Set<(reason: LockReason) => void>();

  function touch(current: Open): void {
    if (current.timer) clearTimeout(current.timer);
    current.timer = setTimeout(() => void lock('idle'), current.info.lockAfterMs);
    current.timer.unref();
  }

  async function lock(reason: LockReason): Promise<void> {
    const current = open;
    if (current === undefined) return;
    open = undefined;
    if (current.timer) clearTimeout(current.timer);
    current.release();
    // withUnlockedVault locks the vault (checkpoint, close, zero the key) as its callback returns.
    await current.closed.catch(() => undefined);
    for (const listener of listeners) listener(reason);
  }

  async function unlock(password: string): Promise<ShellResult<UnlockedSession>> {
    if (open !== undefined) return { ok: false, error: { code: 'DESKTOP_ALREADY_UNLOCKED', message: 'the vault is already unlocked' } };
    if (unlocking) return { ok: false, error: { code: 'DESKTOP_BUSY', message: 'an unlock is already under way' } };
    unlocking = true;
    try {
      const opened = await new Promise<Open>((resolve, reject) => {
        let release: () => void = () => undefined;
        const held = new Promise<void>((done) => (release = done));
        const closed = withUnlockedVault(vaultDir, { password }, async (vault) => {
          const session = await openSession(vault);
          const lockAfterMs = Math.min(configuredLockAfterMs(session), options.maxLockAfterMs ?? Number.POSITIVE_INFINITY);
          const info = { userId: session.userId, vaultId: vault.vaultId, roles: [...session.roles], lockAfterMs };
          resolve({ session, info, release, closed, timer: undefined });
          await held;
        });
        closed.catch(reject);
      });
      open = opened;
      touch(opened);
      return { ok: true, value: opened.info };
    } catch (error) {
      return refusalOf(error);
    } finally {
      unlocking = false;
    }
  }

  return {
    commands: new Set(COMMANDS.map((command) => command.name)),
    unlock,
    session: () => open?.info,
    async dispatch(command, input) {
      const current = open;
      if (current === undefined) return { ok: false, error: { code: 'DESKTOP_LOCKED', message: 'the vault is locked: unlock it first' } };
      touch(current);
      try {
        return await dispatch(current.session, command, input);
      } catch (error) {
        return refusalOf(error);
      }
    },
    lock,
    onLock(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

import type { DemoAuthenticator, KeyUnlockOptions } from '../app/index.js';
import type { ErrorCode } from '../contract/index.js';
import type { BackgroundSyncState } from './backgroundSync.js';
import type { BlockedEvent } from './blockedEvent.js';

/*
 * What the shell needs from the app, and nothing more; sessionBackend.ts implements it on the app session.
 */

export interface Refusal {
  code: ErrorCode;
  message: string;
}

/** Every answer of the backend; it never throws. */
export type ShellResult<T> = { ok: true; value: T } | { ok: false; error: Refusal };

/** Who is working, as the renderer may know it: no key, no path, no secret. */
export interface UnlockedSession {
  userId: string;
  vaultId: string;
  roles: string[];
  /** What the roles may do at all (SessionFacts.permissions): the window leaves out the rest. */
  permissions: string[];
  /** Idle time after which the backend locks by itself. */
  lockAfterMs: number;
}

export type LockReason = 'idle' | 'user' | 'shutdown';

export interface Progress {
  done: number;
  total?: number;
}

export interface DispatchCall {
  onProgress?: (progress: Progress) => void;
  /** The window's WebAuthn assertion for a command that needs a step-up (checked by the dispatcher). */
  stepUpProof?: unknown;
  signal?: AbortSignal;
  /** Check up to the step-up only: the answer is `{stepUp: boolean}` and nothing runs. */
  probeStepUp?: boolean;
}

export interface ShellBackend {
  /** The command names `dispatch` knows; the IPC door refuses every other name before it gets here. */
  readonly commands: ReadonlySet<string>;
  /** Opens the vault with the password; the password is not kept. */
  unlock(password: string): Promise<ShellResult<UnlockedSession>>;
  /**
   * What the lock screen needs to offer unlocking with a hardware key, read while locked: the rpId, and the
   * credential id and PRF input of each `webauthn-prf` slot. Never a wrapped key, salt or check value.
   */
  keyUnlockOptions(): ShellResult<KeyUnlockOptions>;
  /**
   * Opens the vault with a hardware key's PRF output for its slot's input, and the password too where the vault
   * opens with both together; the output is zeroed once tried, the password is not kept.
   */
  unlockWithKey(credentialId: string, prfOutput: Uint8Array, password?: string): Promise<ShellResult<UnlockedSession>>;
  /**
   * DEMO ONLY: the demo credential for a virtual authenticator while a demo vault is open (demoAuthenticatorFor
   * decides); undefined for every other vault and while locked. Stays in the shell.
   */
  demoAuthenticator(): DemoAuthenticator | undefined;
  /** Called after every unlock, however it happened. Returns an unsubscribe. */
  onUnlock(listener: () => void): () => void;
  /** The open session, or undefined while locked. */
  session(): UnlockedSession | undefined;
  /** Where the background sync with the bank stands, while unlocked in a window that syncs. */
  syncState(): BackgroundSyncState | undefined;
  dispatch(command: string, input: unknown, call?: DispatchCall): Promise<ShellResult<unknown>>;
  /** Locks (zeroes the data key); listeners hear the reason. Safe to call while locked. */
  lock(reason: LockReason): Promise<void>;
  /**
   * Records a refusal of the shell in the audit log (`desktop.blocked`): at once while unlocked, at the next
   * unlock otherwise. Never throws.
   */
  recordBlocked(event: BlockedEvent): void;
  /** Called after every lock, whoever caused it (idle timer, user, shutdown). Returns an unsubscribe. */
  onLock(listener: (reason: LockReason) => void): () => void;
}

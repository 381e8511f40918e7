import type { CommandInput, CommandName, CommandOutput, DispatchResult, Progress } from '../../api/index.js';
import type { ErrorCode, Permission } from '../../contract/index.js';
import type { DemoAuthenticator } from '../demo/demoAuthenticator.js';
import type { DeliveryTarget } from '../files/deliverFile.js';

/** How a caller runs one command: evidence for a step-up, progress, cancellation, where a produced file goes. */
export interface AppDispatchOptions {
  stepUpProof?: unknown;
  onProgress?: (progress: Progress) => void;
  signal?: AbortSignal;
  /** Write the file the command produces here, inside the command's transaction (the CLI's `--out`). */
  deliverTo?: DeliveryTarget;
  /** Checks up to the step-up only; answers `{stepUp: boolean}` and runs nothing (DispatchOptions.probeStepUp). */
  probeStepUp?: boolean;
  /**
   * Nobody asked for this just now (the desktop's background sync): it does not count as activity, so it never
   * keeps an idle vault open (UnlockedVault.unattended).
   */
  unattended?: boolean;
}

/** What the session learnt when it opened; shown once (the CLI prints it on stderr, the desktop on screen). */
export interface SessionFacts {
  vaultId: string;
  userId: string;
  roles: string[];
  /**
   * The permissions the roles hold anywhere (an allow of any width; none beyond the read-only ones while the
   * policy is expired), so a window can leave out what the user cannot do. Each command still decides for
   * the accounts and amounts it touches.
   */
  permissions: Permission[];
  policy: { status: 'valid' | 'expired' | 'unusable' | 'none'; code: ErrorCode | null; message: string | null };
  /** Wrong guesses since the previous unlock. */
  failedAttempts: number;
  /** Whether the vault is enrolled at a bank gateway (`bank.enrol`), so that it has a bank to sync with. */
  enrolled: boolean;
  /** Things the user must hear about this unlock (an interrupted rekey finished, say). */
  notices: string[];
  /** Idle time after which the session locks by itself; null when it stays open until `lock()`. */
  lockAfterMs: number | null;
}

/**
 * The app's one front door for the CLI and the desktop: open once, dispatch many commands, lock. Every
 * command goes through the dispatcher, with its permission, audit entry and step-up; nothing of the vault
 * layer reaches the caller.
 */
export interface AppSession {
  readonly facts: SessionFacts;
  readonly isLocked: boolean;
  /**
   * DEMO ONLY: the demo credential to put into a virtual authenticator, present only on a demo vault
   * (demoAuthenticatorFor). It holds a (published) private key: the shell keeps it, the renderer never sees it.
   */
  readonly demoAuthenticator: DemoAuthenticator | undefined;
  dispatch<Name extends CommandName>(name: Name, input: CommandInput<Name>, options?: AppDispatchOptions): Promise<DispatchResult<CommandOutput<Name>>>;
  /** For input built from outside the type system (command-line flags): checked by the command's schema. */
  dispatchUntrusted<Name extends CommandName>(name: Name, input: unknown, options?: AppDispatchOptions): Promise<DispatchResult<CommandOutput<Name>>>;
  /** For a name and input from outside (the desktop's IPC binding): both are checked. */
  dispatchUnknown(name: unknown, input: unknown, options?: AppDispatchOptions): Promise<DispatchResult<unknown>>;
  /**
   * The session opened again on the same unlocked vault, its user, policy and roles read anew: after the
   * window's enrolment made the bank's user the vault's user. This one is not to be used afterwards.
   */
  renew?(): Promise<AppSession>;
  /** Checkpoints the log, closes the database, zeroes the data key. Safe to call twice. */
  lock(): Promise<void>;
  /** Called once when the session locks, by itself after the idle time or on request. */
  onLock(listener: () => void): () => void;
}

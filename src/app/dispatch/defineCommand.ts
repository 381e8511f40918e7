import { COMMAND_SPECS, type CommandName, type CommandOutput, type CommandSpec, type CommandSpecs, type ParsedInput, type Progress } from '../../api/index.js';
import type { AuditEntry } from '../../contract/index.js';
import type { JwsVerificationKey } from '../../crypto/index.js';
import type { OrgPolicy, Permission, Resource, Role } from '../../policy/index.js';
import type { KdfChoice, UnlockedVault, VaultDatabase } from '../../vault/index.js';
import type { PolicyState } from '../policy/verifyCachedOrgPolicy.js';
import type { StepUpOutcome } from './stepUp.js';

export type AuditDetails = AuditEntry['details'];

/** What every step of a command sees. */
export interface CommandContext {
  db: VaultDatabase;
  /** The open vault, for the commands that look after it (key slots, data key, audit log). */
  vault: UnlockedVault;
  userId: string;
  roles: readonly Role[];
  /** One clock reading per dispatch. */
  now: Date;
  /** The verified organisation policy (valid, or expired in read-only mode); APP_NO_POLICY where none governs. */
  readonly policy: OrgPolicy;
  /** What the session learnt of the policy when it opened (valid, expired, unusable, none). */
  policyState: PolicyState;
  /** The bank key the session trusts (Session.bankKey): bank-signed answers in the vault verify against it. */
  bankKey: JwsVerificationKey;
  /** Whether this session may use the command's permission on one item: lists keep only those. */
  permits(resource: Resource): boolean;
  /** Whether the session's roles hold another permission anywhere (the auditor's whole log). */
  holds(permission: Permission): boolean;
  /** How new key slots derive their wrapping keys (calibrated by default; tests choose the floor). */
  kdf: KdfChoice;
  /** Long commands report how far they got; a no-op where nobody listens. */
  progress(progress: Progress): void;
  /** Throws APP_CANCELLED once the caller has cancelled; long commands call it between chunks. */
  throwIfCancelled(): void;
  /** The caller's cancellation, for work handed to worker threads (terminated when it aborts). */
  signal: AbortSignal | undefined;
}

/** The step-up that was verified for this dispatch, if the command asked for one. */
export interface RunContext extends CommandContext {
  stepUp: Extract<StepUpOutcome, { ok: true }> | undefined;
}

/** What `prepare` learns before authorisation; `data` is handed on to `guard` and `run`. */
export interface Preparation<P> {
  /** What to authorise: each resource must be allowed (a payment command names debtor, currency, amount). */
  resource?: Resource | readonly Resource[];
  /**
   * For lists that filter their items with `permits`: the permission is needed for at least one of
   * `resource` (e.g. one account), not for all of them, so a capability scoped to some accounts still lists those.
   */
  anyResource?: boolean;
  /** What a step-up ceremony must bind (the payment digest for an approval). */
  challenge?: Uint8Array;
  /** The audit entry's target (a payment id, an IBAN). */
  target?: string;
  details?: AuditDetails;
  data: P;
}

type Awaitable<T> = T | Promise<T>;

/**
 * How the app carries out one command of the API (src/api). The dispatcher runs, in order: roles hold the
 * permission at all → input (zod) → `prepare` (read-only: load what authorisation needs) →
 * authorize(permission, resource) → `guard` (read-only rules beyond the capabilities, e.g. four eyes; a throw is
 * a denial) → step-up → `run` (inside one vault transaction with its audit entry when the command changes the
 * vault; reads leave no entry unless refused or failed).
 */
export interface CommandImplementation<Name extends CommandName, P> {
  prepare?(ctx: CommandContext, input: ParsedInput<Name>): Awaitable<Preparation<P>>;
  guard?(ctx: CommandContext, input: ParsedInput<Name>, data: P): void;
  /** Synchronous for changes (one SQLite transaction); reads and self-audited commands may be async. */
  run(ctx: RunContext, input: ParsedInput<Name>, data: P): Awaitable<CommandOutput<Name>>;
  /**
   * The command writes its own audit entries (key-slot rewrites are audited by the vault as they happen, in
   * several steps); the dispatcher then records only a failure.
   */
  recordsOwnEntries?: boolean;
}

/** A command the dispatcher can run: the API's declaration with the app's implementation. */
export interface AppCommand<Name extends CommandName = CommandName, P = unknown> {
  spec: CommandSpecs[Name];
  implementation: CommandImplementation<Name, P>;
}

/**
 * Any command the dispatcher can run, whatever its input and preparation types (method parameters are
 * checked bivariantly, so every AppCommand is one); the dispatcher hands each step what the previous gave.
 */
export interface AnyAppCommand {
  spec: CommandSpec;
  implementation: {
    prepare?(ctx: CommandContext, input: never): Awaitable<Preparation<unknown>>;
    guard?(ctx: CommandContext, input: never, data: never): void;
    run(ctx: RunContext, input: never, data: never): unknown;
    recordsOwnEntries?: boolean;
  };
}

/** Pairs the API's declaration of command `name` with its implementation. */
export function implementCommand<Name extends CommandName, P = undefined>(name: Name, implementation: CommandImplementation<Name, P>): AppCommand<Name, P> {
  return Object.freeze({ spec: COMMAND_SPECS[name], implementation: Object.freeze(implementation) });
}

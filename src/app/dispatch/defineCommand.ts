import type { z } from 'zod';
import type { AuditEntry } from '../../contract/index.js';
import { isPermission, type OrgPolicy, type Permission, type Resource } from '../../policy/index.js';
import type { VaultDatabase } from '../../vault/index.js';
import type { StepUpOutcome } from './stepUp.js';

export type AuditDetails = AuditEntry['details'];

/** What every step of a command sees. */
export interface CommandContext {
  db: VaultDatabase;
  userId: string;
  /** One clock reading per dispatch. */
  now: Date;
  /** The verified organisation policy (valid, or expired in read-only mode). */
  policy: OrgPolicy;
  /** Whether this session may use the command's permission on one item: lists keep only those. */
  permits(resource: Resource): boolean;
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

/**
 * One operation of the app. The dispatcher runs, in order: `input` (zod) → `prepare` (read-only: load
 * what authorisation needs) → authorize(permission, resource) → `guard` (read-only rules beyond the
 * capabilities, e.g. four eyes; a throw is a denial) → step-up when `stepUp` → `run` (inside one vault
 * transaction with its audit entry when `changes`; reads leave no entry unless refused or failed).
 */
export interface CommandDefinition<S extends z.ZodType, P, O> {
  /** `noun.verb`, the audit entry's action. */
  name: string;
  permission: Permission;
  input: S;
  stepUp: boolean;
  /** True when the command changes the vault (or writes a file the vault's state depends on). */
  changes: boolean;
  /** One line for docs and help. */
  summary: string;
  prepare?(ctx: CommandContext, input: z.output<S>): Preparation<P>;
  guard?(ctx: CommandContext, input: z.output<S>, data: P): void;
  run(ctx: RunContext, input: z.output<S>, data: P): O;
}

/** Any command, for the registry; method syntax keeps concrete commands assignable to it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the registry holds commands of every input type
export type AnyCommand = CommandDefinition<z.ZodType, any, unknown>;

const COMMAND_NAME = /^[a-z]+\.[a-z][a-z-]*$/;

/** Declares a command; refuses at load time a malformed name or a permission outside the closed list. */
export function defineCommand<S extends z.ZodType, P = undefined, O = unknown>(definition: CommandDefinition<S, P, O>): CommandDefinition<S, P, O> {
  if (!COMMAND_NAME.test(definition.name)) throw new Error(`command name ${JSON.stringify(definition.name)} is not noun.verb`);
  // Ensure the permission is a real one even if the types were bypassed: no command runs ungated.
  if (!isPermission(definition.permission)) throw new Error(`command ${definition.name} names no known permission`);
  return Object.freeze(definition);
}

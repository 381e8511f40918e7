import type { FileOutput, Progress } from '../../api/index.js';
import { CofferError, describeZodIssue, isErrorCode, type ErrorCode } from '../../contract/index.js';
import { authorize, holdsPermission, type Resource } from '../../policy/index.js';
import { asVaultIoError } from '../../vault/index.js';
import type { AnyAppCommand, AuditDetails, CommandContext, Preparation, RunContext } from './defineCommand.js';
import { failureOf, type DispatchResult } from './dispatchResult.js';
import type { Session } from './openSession.js';
import type { StepUpOutcome } from './stepUp.js';

export interface DispatchOptions {
  /** Evidence for the step-up hook (a WebAuthn assertion), passed through untouched. */
  stepUpProof?: unknown;
  /** Where a long command reports how far it got. */
  onProgress?: (progress: Progress) => void;
  /** Cancels a long command between chunks; nothing it would have changed is changed (APP_CANCELLED). */
  signal?: AbortSignal;
  /**
   * Hands a file the command produced to its destination inside the command's transaction, so that a file
   * that cannot be written leaves the vault unchanged and is audited as a failure (the CLI's `--out`).
   */
  deliver?: (file: FileOutput) => void;
  /**
   * Run every check up to the step-up and stop there, running nothing: the answer's value is then
   * `{stepUp: boolean}` (whether a hardware key must confirm), not the command's output. A window asks this
   * before it asks the key, so a key is touched only for a command that would run. Refusals before the
   * step-up are audited as always; stopping at it changes nothing and presents no credential, so it is not.
   */
  probeStepUp?: boolean;
}

type Refusal = { outcome: 'denied' | 'failed'; code: ErrorCode; message: string; target?: string; details?: AuditDetails };

/** A failure as the caller hears it: a full disk or read-only folder under the vault is VAULT_IO, not internal. */
function failureIn(session: Session, error: unknown) {
  return failureOf(asVaultIoError(error, 'write to', session.vault.paths.db));
}

function refuse<T>(session: Session, action: string, refusal: Refusal): DispatchResult<T> {
  session.vault.record([
    { action, outcome: refusal.outcome, reason: refusal.code, target: refusal.target ?? null, details: refusal.details ?? {}, userId: session.userId },
  ]);
  return { ok: false, error: { code: refusal.code, message: refusal.message } };
}

function resources(preparation: Preparation<unknown>): readonly Resource[] {
  const { resource } = preparation;
  if (resource === undefined) return [{}];
  return Array.isArray(resource) ? resource : [resource as Resource];
}

function contextFor(session: Session, command: AnyAppCommand, options: DispatchOptions): CommandContext {
  const { permission } = command.spec;
  const state = session.policy;
  const readOnly = state.status === 'expired';
  return {
    db: session.vault.db,
    vault: session.vault,
    userId: session.userId,
    roles: session.roles,
    now: session.now(),
    get policy() {
      if (state.status === 'valid' || state.status === 'expired') return state.policy;
      throw new CofferError('APP_NO_POLICY', `${command.spec.name} needs the organisation policy, and this vault holds none`);
    },
    permits: (resource) => authorize(session.capabilities, { roles: session.roles, permission, resource, readOnly }).ok,
    kdf: session.kdf,
    policyState: state,
    bankKey: session.bankKey,
    holds: (other) => holdsPermission(session.capabilities, session.roles, other, readOnly),
    progress: (progress) => options.onProgress?.(progress),
    signal: options.signal,
    throwIfCancelled: () => {
      if (options.signal?.aborted) throw new CofferError('APP_CANCELLED', `${command.spec.name} was cancelled; nothing was changed`);
    },
  };
}

/**
 * The record an early denial was about, for the log only (the caller's answer is the same either way): the
 * `id` of an input that has the command's shape, so "alice tried to approve demo-0005" stays on record.
 */
function recordNamed(schema: AnyAppCommand['spec']['input'], rawInput: unknown): string | undefined {
  const parsed = schema.safeParse(rawInput);
  const id: unknown = parsed.success ? (parsed.data as { id?: unknown } | null)?.id : undefined;
  return typeof id === 'string' ? id : undefined;
}

function fileOf(value: unknown): FileOutput | undefined {
  const file = (value as { file?: unknown } | null)?.file;
  return file !== null && typeof file === 'object' && (file as FileOutput).bytes instanceof Uint8Array ? (file as FileOutput) : undefined;
}

/**
 * Runs one command for a session, in the order of docs/commands.md: policy usable → the roles hold the
 * permission at all → parse → prepare → authorise every resource → guard → step-up → run (in one vault
 * transaction with its audit entry when the command changes anything) → checkpoint. Every refusal is audited
 * (denied: policy, four eyes, step-up; failed: bad input, missing records, errors). Never throws.
 */
export async function runCommand(session: Session, command: AnyAppCommand, rawInput: unknown, options: DispatchOptions = {}): Promise<DispatchResult<unknown>> {
  const { spec, implementation } = command;
  const action = spec.name;
  const { permission } = spec;
  try {
    const state = session.policy;
    // Ensure a policy the bank really issued, for this organisation, governs the session (or none yet).
    if (state.status === 'unusable') return refuse(session, action, { outcome: 'denied', code: state.code, message: state.message, details: { permission } });
    // Ensure a role without any grant learns nothing: not even whether its input would have been valid.
    if (!holdsPermission(session.capabilities, session.roles, permission, state.status === 'expired')) {
      const decision = authorize(session.capabilities, { roles: session.roles, permission, readOnly: state.status === 'expired' });
      const code = decision.ok ? 'POLICY_DENIED' : decision.reason;
      const message = decision.ok ? `${permission} is not granted to ${session.roles.join(', ') || 'no roles'}` : decision.message;
      return refuse(session, action, { outcome: 'denied', code, message, target: recordNamed(spec.input, rawInput), details: { permission } });
    }
    // Ensure the input has its declared shape before anything reads it; nothing is changed otherwise.
    const parsed = spec.input.safeParse(rawInput);
    if (!parsed.success) {
      const issue = describeZodIssue(parsed.error);
      const field = issue.path === '' ? 'input' : issue.path;
      return refuse(session, action, { outcome: 'failed', code: 'APP_BAD_INPUT', message: `${field}: ${issue.message}`, details: { field } });
    }
    const input: unknown = parsed.data;
    const ctx = contextFor(session, command, options);

    let preparation: Preparation<unknown>;
    try {
      preparation = (await implementation.prepare?.(ctx, input as never)) ?? { data: undefined };
    } catch (error) {
      return refuse(session, action, { outcome: 'failed', ...failureIn(session, error), details: { permission } });
    }
    const target = preparation.target;

    // Ensure a capability grants the permission for every account, currency and amount touched (for a
    // filtered list: for at least one of them).
    const readOnly = state.status === 'expired';
    const decisions = resources(preparation).map((resource) => authorize(session.capabilities, { roles: session.roles, permission, resource, readOnly }));
    const denial = preparation.anyResource && decisions.some((d) => d.ok) ? undefined : decisions.find((d) => !d.ok);
    if (denial !== undefined && !denial.ok) {
      return refuse(session, action, { outcome: 'denied', code: denial.reason, message: denial.message, target, details: { permission } });
    }
    try {
      implementation.guard?.(ctx, input as never, preparation.data as never);
    } catch (error) {
      return refuse(session, action, { outcome: 'denied', ...failureIn(session, error), target, details: { permission } });
    }

    const stepUpDue = spec.stepUp === 'always' || (spec.stepUp === 'once-keys-enrolled' && session.keysEnrolled);
    if (options.probeStepUp === true) return { ok: true, value: { stepUp: stepUpDue } };
    let stepUp: StepUpOutcome | undefined;
    if (stepUpDue) {
      // Ensure a command that asks for a step-up never runs without one: no verifier means no.
      if (session.stepUp === undefined) {
        const message = `${action} needs a step-up with a hardware key, and none is configured here`;
        return refuse(session, action, { outcome: 'denied', code: 'APP_STEP_UP_REQUIRED', message, target, details: { permission } });
      }
      try {
        stepUp = await session.stepUp.verify({ command: action, permission, userId: session.userId, challenge: preparation.challenge, target, proof: options.stepUpProof });
      } catch (error) {
        return refuse(session, action, { outcome: 'failed', ...failureIn(session, error), target, details: { permission } });
      }
      if (!stepUp.ok) {
        const code = isErrorCode(stepUp.code) ? stepUp.code : 'APP_STEP_UP_FAILED';
        return refuse(session, action, { outcome: 'denied', code, message: stepUp.message, target, details: { permission } });
      }
    }

    const runContext: RunContext = Object.assign(Object.create(ctx) as CommandContext, { stepUp: stepUp?.ok ? stepUp : undefined });
    if (!spec.changes || implementation.recordsOwnEntries) {
      try {
        return { ok: true, value: await implementation.run(runContext, input as never, preparation.data as never) };
      } catch (error) {
        return refuse(session, action, { outcome: 'failed', ...failureIn(session, error), target, details: { permission } });
      }
    }
    const details: AuditDetails = { ...preparation.details, ...(stepUp?.ok ? { stepUp: stepUp.method } : {}) };
    try {
      // The change, the delivered file and the audit entry go together; a throw rolls back and is recorded as failed.
      const value = session.vault.transact({ action, target: target ?? null, details, userId: session.userId }, () => {
        const result: unknown = implementation.run(runContext, input as never, preparation.data as never);
        if (result instanceof Promise) throw new Error(`${action} changes the vault and must run synchronously`);
        const file = fileOf(result);
        if (file !== undefined) options.deliver?.(file);
        return result;
      });
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: failureIn(session, error) };
    }
  } catch (error) {
    // The vault itself failed (locked, disk): nothing more can be recorded.
    return { ok: false, error: failureIn(session, error) };
  } finally {
    checkpoint(session);
  }
}

function checkpoint(session: Session): void {
  try {
    if (!session.vault.isLocked) session.vault.audit.checkpoint();
  } catch {
    // The log is checkpointed again at the next command or at lock; the entries themselves are committed.
  }
}

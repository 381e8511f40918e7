import type { z } from 'zod';
import { authorize, type Resource } from '../../policy/index.js';
import type { AuditDetails, CommandContext, CommandDefinition, Preparation } from './defineCommand.js';
import { describeInputIssue } from './describeInputIssue.js';
import { failureOf, type DispatchResult } from './dispatchResult.js';
import type { Session } from './openSession.js';
import type { StepUpOutcome } from './stepUp.js';

export interface DispatchOptions {
  /** Evidence for the step-up hook (a WebAuthn assertion), passed through untouched. */
  stepUpProof?: unknown;
}

type Refusal = { outcome: 'denied' | 'failed'; code: string; message: string; target?: string; details?: AuditDetails };

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

/**
 * Runs one command for a session, in the order of docs/commands.md: parse → policy usable → prepare →
 * authorise every resource → guard → step-up → run (in one vault transaction with its audit entry when the
 * command changes anything) → checkpoint. Every refusal is audited (denied: policy, four eyes, step-up;
 * failed: bad input, missing records, errors). Never throws; see DispatchResult.
 */
export async function runCommand<S extends z.ZodType, P, O>(
  session: Session,
  command: CommandDefinition<S, P, O>,
  rawInput: unknown,
  options: DispatchOptions = {},
): Promise<DispatchResult<O>> {
  const action = command.name;
  const { permission } = command;
  try {
    // Ensure the input has its declared shape before anything reads it; nothing is changed otherwise.
    const parsed = command.input.safeParse(rawInput);
    if (!parsed.success) {
      const { field, message } = describeInputIssue(parsed.error);
      return refuse(session, action, { outcome: 'failed', code: 'APP_BAD_INPUT', message, details: { field } });
    }
    const input = parsed.data as z.output<S>;
    const state = session.policy;
    // Ensure a policy the bank really issued, for this organisation, governs the session.
    if (state.status === 'unusable') return refuse(session, action, { outcome: 'denied', code: state.code, message: state.message, details: { permission } });
    const readOnly = state.status === 'expired';
    const ctx: CommandContext = {
      db: session.vault.db,
      userId: session.userId,
      now: session.now(),
      policy: state.policy,
      permits: (resource) => authorize(session.capabilities, { roles: session.roles, permission, resource, readOnly }).ok,
    };

    let preparation: Preparation<P>;
    try {
      preparation = command.prepare?.(ctx, input) ?? ({ data: undefined } as Preparation<P>);
    } catch (error) {
      return refuse(session, action, { outcome: 'failed', ...failureOf(error), details: { permission } });
    }
    const target = preparation.target;

    // Ensure a capability grants the permission for every account, currency and amount touched (for a
    // filtered list: for at least one of them).
    const decisions = resources(preparation).map((resource) => authorize(session.capabilities, { roles: session.roles, permission, resource, readOnly }));
    const denial = preparation.anyResource && decisions.some((d) => d.ok) ? undefined : decisions.find((d) => !d.ok);
    if (denial !== undefined && !denial.ok) {
      return refuse(session, action, { outcome: 'denied', code: denial.reason, message: denial.message, target, details: { permission } });
    }
    try {
      command.guard?.(ctx, input, preparation.data);
    } catch (error) {
      return refuse(session, action, { outcome: 'denied', ...failureOf(error), target, details: { permission } });
    }

    let stepUp: StepUpOutcome | undefined;
    if (command.stepUp) {
      // Ensure a command that asks for a step-up never runs without one: no verifier means no.
      if (session.stepUp === undefined) {
        const message = `${action} needs a step-up with a hardware key, and none is configured here`;
        return refuse(session, action, { outcome: 'denied', code: 'APP_STEP_UP_REQUIRED', message, target, details: { permission } });
      }
      try {
        stepUp = await session.stepUp.verify({ command: action, permission, userId: session.userId, challenge: preparation.challenge, target, proof: options.stepUpProof });
      } catch (error) {
        return refuse(session, action, { outcome: 'failed', ...failureOf(error), target, details: { permission } });
      }
      if (!stepUp.ok) {
        const code = /^[A-Z]+_[A-Z0-9_]+$/.test(stepUp.code) ? stepUp.code : 'APP_STEP_UP_FAILED';
        return refuse(session, action, { outcome: 'denied', code, message: stepUp.message, target, details: { permission } });
      }
    }

    const runContext = { ...ctx, db: session.vault.db, stepUp: stepUp?.ok ? stepUp : undefined };
    if (!command.changes) {
      try {
        return { ok: true, value: command.run(runContext, input, preparation.data) };
      } catch (error) {
        return refuse(session, action, { outcome: 'failed', ...failureOf(error), target });
      }
    }
    const details: AuditDetails = { ...preparation.details, ...(stepUp?.ok ? { stepUp: stepUp.method } : {}) };
    try {
      // The change and its audit entry commit together; a throw rolls back and is recorded as failed.
      const value = session.vault.transact({ action, target: target ?? null, details, userId: session.userId }, () =>
        command.run(runContext, input, preparation.data),
      );
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: failureOf(error) };
    }
  } catch (error) {
    // The vault itself failed (locked, disk): nothing more can be recorded.
    return { ok: false, error: failureOf(error) };
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

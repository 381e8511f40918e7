import type { CommandOutput } from '../api/index.js';
import { CofferError } from '../contract/index.js';
import type { BlockedListener } from './blockedEvent.js';
import type { Refusal, ShellBackend, ShellResult, UnlockedSession } from './shellBackend.js';

/** The payments a window of `coffer payments approve` approves: one, or a batch signed with one assertion. */
export interface ApprovalTask {
  kind: 'approve';
  ids: string[];
}

/** What the window did: the approval as recorded, or why there is none. */
export type ApprovalTaskOutcome =
  | { ok: true; kind: 'single'; value: CommandOutput<'payments.approve'> }
  | { ok: true; kind: 'batch'; value: CommandOutput<'payments.approve-batch'> }
  | { ok: false; error: Refusal };

export interface ApprovalTaskBackend extends ShellBackend {
  /** The recorded approval, else the last refusal of the app, else APP_CANCELLED. */
  outcome(): ApprovalTaskOutcome;
  /** Called once, when the approval is recorded. */
  onApproved(listener: () => void): void;
}

function sameIds(input: unknown, ids: readonly string[]): boolean {
  const given = (input as { ids?: unknown } | null)?.ids;
  return Array.isArray(given) && given.length === ids.length && given.every((id, index) => id === ids[index]);
}

function sameId(input: unknown, id: string | undefined): boolean {
  return id !== undefined && (input as { id?: unknown } | null)?.id === id;
}

/**
 * The backend of an approval window: the session's own, narrowed to one task. The window may read the task's
 * payment (or batch), ask for key options and approve exactly the task's payments — nothing else, whatever
 * its renderer sends (DESKTOP_OUTSIDE_TASK, audited like every refusal of the shell). The approval itself is
 * the app's `payments.approve` or `payments.approve-batch`, with its step-up, rules and audit entry.
 */
export function approvalTaskBackend(backend: ShellBackend, task: ApprovalTask, onBlocked?: BlockedListener): ApprovalTaskBackend {
  const ids = [...task.ids];
  const single = ids.length === 1 ? ids[0] : undefined;
  // A single payment is approved as `payments.approve` (its own digest), several as one batch.
  // A Map, not an object: a name such as `constructor` must find nothing.
  const allowed = new Map<string, (input: unknown) => boolean>(
    single === undefined
      ? [['payments.approve-batch-options', (input) => sameIds(input, ids)], ['payments.approve-batch', (input) => sameIds(input, ids)], ['keys.assert-options', () => true]]
      : [['payments.show', (input) => sameId(input, single)], ['payments.approve', (input) => sameId(input, single)], ['keys.assert-options', () => true]],
  );
  const approving = single === undefined ? 'payments.approve-batch' : 'payments.approve';
  let outcome: ApprovalTaskOutcome | undefined;
  let lastRefusal: Refusal | undefined;
  const approvedListeners: (() => void)[] = [];

  function outside(command: string, message: string): ShellResult<never> {
    const event = { kind: 'ipc' as const, target: command, reason: 'DESKTOP_OUTSIDE_TASK' };
    backend.recordBlocked(event);
    onBlocked?.(event);
    return { ok: false, error: { code: 'DESKTOP_OUTSIDE_TASK', message } };
  }

  return {
    ...backend,
    commands: new Set(allowed.keys()),
    session(): (UnlockedSession & { task: ApprovalTask }) | undefined {
      const info = backend.session();
      return info === undefined ? undefined : { ...info, task: { kind: 'approve', ids: [...ids] } };
    },
    async dispatch(command, input, call) {
      const check = allowed.get(command);
      // Ensure the window acts on its task only: the payments the command line named, in its order.
      if (check === undefined) return outside(command, `this window approves ${ids.join(', ')} and runs nothing else`);
      if (!check(input)) return outside(command, `this window approves ${ids.join(', ')} only`);
      // Once approved, the window has done its work: a second approval is not its task.
      if (outcome !== undefined && command === approving) return outside(command, 'this window has already approved its payments');
      const result = await backend.dispatch(command, input, call);
      // A probe runs nothing: it is neither the approval nor a refusal of it.
      if (call?.probeStepUp === true) return result;
      if (!result.ok) {
        if (command !== 'keys.assert-options') lastRefusal = result.error;
        return result;
      }
      if (command === approving && outcome === undefined) {
        outcome = single === undefined
          ? { ok: true, kind: 'batch', value: result.value as CommandOutput<'payments.approve-batch'> }
          : { ok: true, kind: 'single', value: result.value as CommandOutput<'payments.approve'> };
        for (const listener of approvedListeners) listener();
      }
      return result;
    },
    outcome() {
      if (outcome !== undefined) return outcome;
      if (lastRefusal !== undefined) return { ok: false, error: lastRefusal };
      return { ok: false, error: { code: 'APP_CANCELLED', message: `the approval of ${ids.join(', ')} was cancelled in its window; nothing was changed` } };
    },
    onApproved(listener) {
      approvedListeners.push(listener);
    },
  };
}

/** The outcome as the command line's result: the approval, or a CofferError with the reason. */
export function requireApproval(outcome: ApprovalTaskOutcome): Extract<ApprovalTaskOutcome, { ok: true }> {
  if (!outcome.ok) throw new CofferError(outcome.error.code, outcome.error.message);
  return outcome;
}

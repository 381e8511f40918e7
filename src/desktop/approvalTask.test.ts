import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDemoVault, type DemoVault } from '../../test/fixtures/demo/demoVault.js';
import { TEST_PASSWORD } from '../../test/support/testVault.js';
import { approvalTaskBackend } from './approvalTask.js';
import type { BlockedEvent } from './blockedEvent.js';
import { openSessionBackend } from './sessionBackend.js';

/*
 * The backend of the window of `coffer payments approve demo-0005`, on Bob's real demo vault: the session
 * backend the shell uses, narrowed to the task. (The approval itself, with a key, runs in
 * e2e/desktop/approve-from-cli.spec.ts.)
 */
let bob: DemoVault;
beforeAll(async () => {
  bob = await makeDemoVault('bob');
  bob.vault.lock();
});
afterAll(() => bob?.close());

async function openTask() {
  const blocked: BlockedEvent[] = [];
  const session = openSessionBackend(bob.dir);
  expect(await session.unlock(TEST_PASSWORD)).toMatchObject({ ok: true });
  return { task: approvalTaskBackend(session, { kind: 'approve', ids: ['demo-0005'] }, (event) => blocked.push(event)), blocked, session };
}

describe('when the window of one payment asks for what its task needs', () => {
  it('answers the payment and tells the page its task', async () => {
    const { task } = await openTask();
    try {
      expect(task.session()).toMatchObject({ userId: 'bob', task: { kind: 'approve', ids: ['demo-0005'] } });
      expect([...task.commands].sort()).toEqual(['keys.assert-options', 'payments.approve', 'payments.show']);
      expect(await task.dispatch('payments.show', { id: 'demo-0005' })).toMatchObject({ ok: true, value: { payment: { id: 'demo-0005' } } });
    } finally {
      await task.lock('user');
    }
  });
});

describe('when its page asks for anything else', () => {
  it('refuses another payment, another command and inherited names with DESKTOP_OUTSIDE_TASK, and reports each', async () => {
    const { task, blocked, session } = await openTask();
    try {
      for (const [command, input] of [
        ['payments.show', { id: 'demo-0004' }],
        ['payments.approve', { id: 'demo-0004' }],
        ['payments.list', {}],
        ['constructor', {}],
        ['__proto__', {}],
      ] as const) {
        expect(await task.dispatch(command, input)).toMatchObject({ ok: false, error: { code: 'DESKTOP_OUTSIDE_TASK' } });
      }
      expect(blocked.map((event) => event.target)).toEqual(['payments.show', 'payments.approve', 'payments.list', 'constructor', '__proto__']);
      // Recorded in the vault's log as refusals of the shell (written just after each answer).
      await expect
        .poll(async () => {
          const log = await session.dispatch('audit.log', { action: 'desktop.blocked', outcome: 'denied' });
          return log.ok ? (log.value as { entries: { target: string | null; reason: string | null }[] }).entries.filter((entry) => entry.reason === 'DESKTOP_OUTSIDE_TASK').map((entry) => entry.target).sort() : [];
        })
        .toEqual(['__proto__', 'constructor', 'payments.approve', 'payments.list', 'payments.show']);
    } finally {
      await task.lock('user');
    }
  });
});

describe('what the command line hears', () => {
  it('is APP_CANCELLED when nothing was tried; a probe changes nothing; a refused approval is the reason given', async () => {
    const { task } = await openTask();
    try {
      expect(task.outcome()).toMatchObject({ ok: false, error: { code: 'APP_CANCELLED' } });
      expect(await task.dispatch('payments.approve', { id: 'demo-0005' }, { probeStepUp: true })).toEqual({ ok: true, value: { stepUp: true } });
      expect(task.outcome()).toMatchObject({ ok: false, error: { code: 'APP_CANCELLED' } });
      // Without an assertion the app refuses the approval: that refusal is what the command line reports.
      expect(await task.dispatch('payments.approve', { id: 'demo-0005' })).toMatchObject({ ok: false, error: { code: 'APP_STEP_UP_REQUIRED' } });
      expect(task.outcome()).toMatchObject({ ok: false, error: { code: 'APP_STEP_UP_REQUIRED' } });
    } finally {
      await task.lock('user');
    }
  });
});

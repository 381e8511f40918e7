import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, makeDemoVault, type DemoVault } from '../../../test/fixtures/demo/demoVault.js';
import { dispatch, dispatchUnknown } from '../dispatch/dispatch.js';
import { openSession } from '../dispatch/openSession.js';

let alice: DemoVault;
beforeAll(async () => {
  alice = await makeDemoVault('alice');
});
afterAll(() => alice.close());

const at = '2026-12-01T08:00:00.000Z';

describe('when the shell reports what it refused the window', () => {
  it('records one denied entry per refusal, with its reason, target and kind', async () => {
    const session = await openSession(alice.vault);
    const result = await dispatch(session, 'desktop.blocked', {
      events: [
        { kind: 'request', target: 'https://evil.example/steal', reason: 'DESKTOP_OFF_ORIGIN', at },
        { kind: 'popup', target: 'https://evil.example/open', reason: 'DESKTOP_NEW_WINDOW', at },
      ],
    });
    expect(result).toEqual({ ok: true, value: { recorded: 2 } });
    expect(auditEntries(alice.vault).slice(-2)).toMatchObject([
      { action: 'desktop.blocked', outcome: 'denied', reason: 'DESKTOP_OFF_ORIGIN', target: 'https://evil.example/steal', details: { kind: 'request', at }, actor: { userId: 'alice' } },
      { action: 'desktop.blocked', outcome: 'denied', reason: 'DESKTOP_NEW_WINDOW', target: 'https://evil.example/open', details: { kind: 'popup', at } },
    ]);
  });

  it('refuses a reason that is not a code and a target past 200 characters, recording nothing of them', async () => {
    const session = await openSession(alice.vault);
    const before = auditEntries(alice.vault).length;
    const lowercase = await dispatchUnknown(session, 'desktop.blocked', { events: [{ kind: 'request', target: 'x', reason: 'made up text', at }] });
    const long = await dispatchUnknown(session, 'desktop.blocked', { events: [{ kind: 'request', target: 'x'.repeat(201), reason: 'DESKTOP_OFF_ORIGIN', at }] });
    expect(lowercase).toMatchObject({ ok: false, error: { code: 'APP_BAD_INPUT', message: expect.stringMatching(/^events\[0\]\.reason: /) } });
    expect(long).toMatchObject({ ok: false, error: { code: 'APP_BAD_INPUT', message: expect.stringMatching(/^events\[0\]\.target: /) } });
    // The refusals themselves are audited as failed, without the refused values.
    const added = auditEntries(alice.vault).slice(before);
    expect(added.map((entry) => [entry.action, entry.outcome])).toEqual([['desktop.blocked', 'failed'], ['desktop.blocked', 'failed']]);
    expect(JSON.stringify(added)).not.toContain('made up text');
  });
});

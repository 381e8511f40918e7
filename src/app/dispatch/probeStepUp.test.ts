import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, makeDemoVaults, type DemoVault } from '../../../test/fixtures/demo/demoVault.js';
import { dispatchUnknown } from './dispatch.js';
import { openSession } from './openSession.js';

/*
 * A window asks whether a command would need the key before it asks the key (DispatchOptions.probeStepUp):
 * every check before the step-up runs and is audited when it refuses; stopping at the step-up runs nothing
 * and writes nothing.
 */
let vaults: Map<string, DemoVault>;
const vaultOf = (user: string) => (vaults.get(user) as DemoVault).vault;

beforeAll(async () => {
  vaults = await makeDemoVaults(['alice', 'bob']);
});
afterAll(() => {
  for (const v of vaults?.values() ?? []) v.close();
});

describe('when an approver probes an approval she may give', () => {
  it('answers that the key must confirm it, runs nothing and writes no entry', async () => {
    const vault = vaultOf('bob');
    const before = auditEntries(vault).length;
    const result = await dispatchUnknown(await openSession(vault), 'payments.approve', { id: 'demo-0005' }, { probeStepUp: true });
    expect(result).toEqual({ ok: true, value: { stepUp: true } });
    expect(auditEntries(vault)).toHaveLength(before);
    expect(vault.db.prepare("SELECT status FROM payments WHERE id = 'demo-0005'").pluck().get()).toBe('pending_approval');
  });
});

describe('when a command needs no step-up', () => {
  it('answers so, and runs nothing: the payment stays a draft', async () => {
    const vault = vaultOf('alice');
    const result = await dispatchUnknown(await openSession(vault), 'payments.submit', { id: 'demo-0001' }, { probeStepUp: true });
    expect(result).toEqual({ ok: true, value: { stepUp: false } });
    expect(vault.db.prepare("SELECT status FROM payments WHERE id = 'demo-0001'").pluck().get()).toBe('draft');
  });
});

describe('when the probe is refused before the step-up', () => {
  it('refuses as the command would, and audits the denial (the maker approving her own payment)', async () => {
    const vault = vaultOf('alice');
    const result = await dispatchUnknown(await openSession(vault), 'payments.approve', { id: 'demo-0005' }, { probeStepUp: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'POLICY_DENIED' } });
    expect(auditEntries(vault).at(-1)).toMatchObject({ action: 'payments.approve', outcome: 'denied', reason: 'POLICY_DENIED' });
  });
});

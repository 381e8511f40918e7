import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, localAppSession, openSession } from '../../src/app/index.js';
import { tempDir } from '../support/tempDir.js';
import { makeDemoVaults, recordingStepUp, storedPayment, type DemoVault } from '../fixtures/demo/demoVault.js';

// Attack: someone holding the vault's data key edits payments in the file directly, after approvers
// signed them, hoping the changed order is released or sent to the bank on the old signatures.
let vaults: Map<string, DemoVault>;
beforeAll(async () => {
  vaults = await makeDemoVaults(['alice', 'carol']);
});
afterAll(() => {
  for (const v of vaults?.values() ?? []) v.close();
});

const vaultOf = (user: string) => (vaults.get(user) as DemoVault).vault;

describe('when the creditor of an approved payment is swapped in the file', () => {
  it('refuses to export it: its approvals no longer release it as it is now', async () => {
    const vault = vaultOf('alice');
    vault.db.prepare("UPDATE payments SET creditor_iban = 'NL91ABNA0417164300', creditor_name = 'Mule Account B.V.' WHERE id = 'demo-0006'").run();
    const out = join(tempDir(), 'to-the-bank.xml');
    const result = await localAppSession(await openSession(vault)).dispatch('payments.export', { format: 'pain.001', currency: 'EUR' }, { deliverTo: { path: out, overwrite: false } });
    expect(result).toMatchObject({ ok: false, error: { code: 'POLICY_APPROVALS_MISSING' } });
    expect(existsSync(out)).toBe(false);
    expect(storedPayment(vault, 'demo-0006')).toMatchObject({ status: 'approved' });
  });
});

describe('when the amount of a payment pending approval is raised in the file after Bob signed it', () => {
  it('no longer counts Bob\'s signature: Carol\'s B alone does not release it', async () => {
    const vault = vaultOf('carol');
    vault.db.prepare("UPDATE payments SET amount_minor = 98000000 WHERE id = 'demo-0004'").run();
    const shown = await dispatch(await openSession(vault), 'payments.show', { id: 'demo-0004' });
    expect(shown).toMatchObject({ ok: true, value: { approvals: [{ userId: 'bob', counts: false }], approval: { executable: false } } });
    const approved = await dispatch(await openSession(vault, { stepUp: recordingStepUp().verifier }), 'payments.approve', { id: 'demo-0004' });
    expect(approved).toMatchObject({ ok: true, value: { status: 'pending_approval', executable: false, missing: ['A'] } });
    expect(storedPayment(vault, 'demo-0004')).toMatchObject({ status: 'pending_approval' });
  });
});

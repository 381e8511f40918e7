import type { CommandInput } from '../../src/api/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, openSession } from '../../src/app/index.js';
import { auditEntries, bankingRowCounts, CREDITOR_IBAN, EUR_ACCOUNT, makeDemoVaults, type DemoVault } from '../fixtures/demo/demoVault.js';

// Attack: Erin, who may only look (viewer), tries to prepare a payment from the company's account.
let vaults: Map<string, DemoVault>;
beforeAll(async () => {
  vaults = await makeDemoVaults(['alice', 'erin']);
});
afterAll(() => {
  for (const v of vaults?.values() ?? []) v.close();
});

const order = { from: EUR_ACCOUNT, toName: 'Erin Holdings Ltd', toIban: CREDITOR_IBAN, amount: '9,999.00', currency: 'EUR', reference: 'consulting'} satisfies CommandInput<'payments.create'>;

describe('when erin (viewer) creates a payment', () => {
  it('refuses it with POLICY_DENIED, creates nothing, and the refusal is in the audit log', async () => {
    const { vault } = vaults.get('erin') as DemoVault;
    const rows = bankingRowCounts(vault);
    const result = await dispatch(await openSession(vault), 'payments.create', order);
    expect(result).toMatchObject({ ok: false, error: { code: 'POLICY_DENIED' } });
    expect(bankingRowCounts(vault)).toEqual(rows);
    const refusal = auditEntries(vault).at(-1);
    expect(refusal).toMatchObject({
      action: 'payments.create',
      outcome: 'denied',
      reason: 'POLICY_DENIED',
      actor: { userId: 'erin' },
      details: { permission: 'payments:create' },
    });
  });
});

describe('when alice (maker) creates the same payment', () => {
  it('stores it as her draft, and the log shows it allowed', async () => {
    const { vault } = vaults.get('alice') as DemoVault;
    const result = await dispatch(await openSession(vault), 'payments.create', order);
    expect(result).toMatchObject({ ok: true, value: { status: 'draft' } });
    expect(auditEntries(vault).at(-1)).toMatchObject({ action: 'payments.create', outcome: 'allowed', actor: { userId: 'alice' } });
  });
});

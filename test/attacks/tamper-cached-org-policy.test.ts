import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, openSession } from '../../src/app/index.js';
import { auditEntries, bankingRowCounts, CREDITOR_IBAN, EUR_ACCOUNT, makeDemoVault, type DemoVault } from '../fixtures/demo/demoVault.js';

// Attack: Erin (viewer) holds her vault's data key and edits the cached organisation policy in the file,
// making herself a maker, and keeps the bank's signature.
let erin: DemoVault;
beforeAll(async () => {
  erin = await makeDemoVault('erin');
  const jws = erin.vault.db.prepare('SELECT jws FROM org_policy').pluck().get() as string;
  const [header, payload, signature] = jws.split('.');
  const policy = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as { users: { id: string; roles: string[] }[] };
  for (const user of policy.users) if (user.id === 'erin') user.roles = ['maker'];
  const forged = `${header}.${Buffer.from(JSON.stringify(policy)).toString('base64url')}.${signature}`;
  erin.vault.db.prepare('UPDATE org_policy SET jws = ?').run(forged);
});
afterAll(() => erin?.close());

describe('when the cached policy was edited under the bank\'s signature', () => {
  it('opens the session with no roles, says POLICY_BAD_SIGNATURE, and logs it', async () => {
    const session = await openSession(erin.vault);
    expect(session.policy).toMatchObject({ status: 'unusable', code: 'POLICY_BAD_SIGNATURE' });
    expect(session.roles).toEqual([]);
    expect(auditEntries(erin.vault).at(-1)).toMatchObject({ action: 'policy.verify', outcome: 'denied', reason: 'POLICY_BAD_SIGNATURE' });
  });

  it('refuses the payment she wanted, and every other command, with POLICY_BAD_SIGNATURE, each audited', async () => {
    const session = await openSession(erin.vault);
    const rows = bankingRowCounts(erin.vault);
    const created = await dispatch(session, 'payments.create', { from: EUR_ACCOUNT, toName: 'Erin Holdings Ltd', toIban: CREDITOR_IBAN, amount: '5000.00', currency: 'EUR' });
    expect(created).toMatchObject({ ok: false, error: { code: 'POLICY_BAD_SIGNATURE' } });
    for (const name of ['accounts.list', 'payments.list', 'payees.list'] as const) {
      expect(await dispatch(session, name, {}), name).toMatchObject({ ok: false, error: { code: 'POLICY_BAD_SIGNATURE' } });
      expect(auditEntries(erin.vault).at(-1)).toMatchObject({ action: name, outcome: 'denied', reason: 'POLICY_BAD_SIGNATURE' });
    }
    expect(bankingRowCounts(erin.vault)).toEqual(rows);
  });
});

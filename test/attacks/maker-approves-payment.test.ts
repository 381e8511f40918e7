import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, openSession } from '../../src/app/index.js';
import { demoOrgPolicy } from '../../src/app/demo/demoOrganisation.js';
import { auditEntries, CREDITOR_IBAN, EUR_ACCOUNT, makeDemoVault, makeDemoVaults, recordingStepUp, storedPayment, type DemoVault } from '../fixtures/demo/demoVault.js';

// Attack: Alice, who prepares payments, tries to release one herself — first as a plain maker, then with
// the approver role the bank also gave her (four eyes must still hold), then as class T on someone else's.
let plain: DemoVault;
let twoHats: DemoVault;
const now = new Date();

beforeAll(async () => {
  plain = (await makeDemoVaults(['alice'])).get('alice') as DemoVault;
  const policy = demoOrgPolicy(now);
  policy.users = policy.users.map((u) => (u.id === 'alice' ? { ...u, roles: ['maker', 'approver'] } : u));
  // Alice is also class A on the large EUR band and class E on the small one: as strong as it gets.
  policy.approvalRules = policy.approvalRules.map((rule) => ({ ...rule, approvers: rule.approvers.map((a) => (a.userId === 'alice' ? { ...a, signatureClass: rule.maxAmountMinor ? 'E' : 'A' } : a)) }));
  twoHats = await makeDemoVault('alice', { policy, now });
});
afterAll(() => {
  plain?.close();
  twoHats?.close();
});

const approve = async (demo: DemoVault, id: string) => {
  const { verifier, requests } = recordingStepUp();
  const result = await dispatch(await openSession(demo.vault, { stepUp: verifier }), 'payments.approve', { id });
  return { result, hardwareKeyAsked: requests.length > 0 };
};

describe('when alice (maker only) approves a pending payment', () => {
  it('refuses it with POLICY_DENIED before asking for a hardware key, and logs the refusal', async () => {
    const { result, hardwareKeyAsked } = await approve(plain, 'demo-0005');
    expect(result).toMatchObject({ ok: false, error: { code: 'POLICY_DENIED' } });
    expect(hardwareKeyAsked).toBe(false);
    expect(storedPayment(plain.vault, 'demo-0005')).toMatchObject({ status: 'pending_approval' });
    expect(auditEntries(plain.vault).at(-1)).toMatchObject({ action: 'payments.approve', target: 'demo-0005', outcome: 'denied', reason: 'POLICY_DENIED', actor: { userId: 'alice' } });
  });
});

describe('when alice holds the approver role too and approves her own payment', () => {
  it('refuses it with APP_OWN_PAYMENT (four eyes), records no approval, logs the refusal', async () => {
    const session = await openSession(twoHats.vault);
    const made = await dispatch(session, 'payments.create', { from: EUR_ACCOUNT, toName: 'Alice Side Business', toIban: CREDITOR_IBAN, amount: '500.00', currency: 'EUR' });
    if (!made.ok) throw new Error(made.error.message);
    const { id } = made.value as { id: string };
    expect(await dispatch(session, 'payments.submit', { id })).toMatchObject({ ok: true });
    const { result, hardwareKeyAsked } = await approve(twoHats, id);
    expect(result).toMatchObject({ ok: false, error: { code: 'APP_OWN_PAYMENT' } });
    expect(hardwareKeyAsked).toBe(false);
    expect(twoHats.vault.db.prepare('SELECT count(*) AS n FROM approvals WHERE payment_id = ?').get(id)).toEqual({ n: 0 });
    expect(auditEntries(twoHats.vault).at(-1)).toMatchObject({ action: 'payments.approve', target: id, outcome: 'denied', reason: 'APP_OWN_PAYMENT' });
  });

  it('also refuses the seeded payments she made, whatever class the rules give her', async () => {
    expect((await approve(twoHats, 'demo-0004')).result).toMatchObject({ ok: false, error: { code: 'APP_OWN_PAYMENT' } });
  });
});

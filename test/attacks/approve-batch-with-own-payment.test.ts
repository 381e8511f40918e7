import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, openSession, type Session } from '../../src/app/index.js';
import { webAuthnStepUp } from '../../src/app/keys/webAuthnStepUp.js';
import { demoOrgPolicy } from '../../src/app/demo/demoOrganisation.js';
import { batchDigest } from '../../src/domain/index.js';
import type { UnlockedVault } from '../../src/vault/index.js';
import { addPendingPayments, auditEntries, makeDemoVault, storedPayment, type DemoVault } from '../fixtures/demo/demoVault.js';
import { enrolKey } from '../support/hardwareKeys.js';
import { startAuthenticatorBrowser, type AuthenticatorBrowser, type VirtualKey } from '../support/virtualAuthenticator.js';

// Attack: Bob holds both the maker and the approver role. He slips a payment he made himself into a batch of
// colleagues' payments, hoping one assertion over the batch also releases his own (four eyes).
let browser: AuthenticatorBrowser;
let demo: DemoVault;
let bob: UnlockedVault;
let session: Session;
let key: VirtualKey;
let own: string;
const now = new Date();

beforeAll(async () => {
  browser = await startAuthenticatorBrowser();
  const policy = demoOrgPolicy(now);
  policy.users = policy.users.map((user) => (user.id === 'bob' ? { ...user, roles: ['approver', 'maker'] } : user));
  demo = await makeDemoVault('bob', { policy, now });
  bob = demo.vault;
  session = await openSession(bob, { stepUp: webAuthnStepUp({ vault: bob }) });
  key = await browser.newKey();
  await enrolKey(session, key, 'Bob YubiKey');
  [own = ''] = await addPendingPayments(session, [{ amount: '700.00', toName: 'Bob Consulting' }]);
});
afterAll(async () => {
  demo?.close();
  await browser?.close();
});

const approvals = () => bob.db.prepare("SELECT payment_id FROM approvals WHERE user_id = 'bob' AND payment_id IN ('demo-0005', ?)").pluck().all(own);

describe("when Bob asks for the options of a batch holding his own payment", () => {
  it('refuses with APP_OWN_PAYMENT, naming it', async () => {
    const result = await dispatch(session, 'payments.approve-batch-options', { ids: ['demo-0005', own] });
    expect(result).toMatchObject({ ok: false, error: { code: 'APP_OWN_PAYMENT', message: expect.stringContaining(own) } });
  });
});

describe('when Bob signs the batch digest himself and sends the batch with his own payment', () => {
  it('refuses the whole batch with APP_OWN_PAYMENT before the key is checked: nothing approved, audited', async () => {
    const digests = await Promise.all(['demo-0005', own].map(async (paymentId) => {
      const shown = await dispatch(session, 'payments.show', { id: paymentId });
      if (!shown.ok) throw new Error(shown.error.message);
      return Buffer.from(shown.value.digest, 'hex');
    }));
    const proof = await key.assert({ challenge: batchDigest(digests).toString('base64url'), allowCredentials: [] });
    const result = await dispatch(session, 'payments.approve-batch', { ids: ['demo-0005', own] }, { stepUpProof: proof });
    expect(result).toMatchObject({ ok: false, error: { code: 'APP_OWN_PAYMENT' } });
    expect(approvals()).toEqual([]);
    expect(storedPayment(bob, 'demo-0005')).toMatchObject({ status: 'pending_approval' });
    expect(storedPayment(bob, own)).toMatchObject({ status: 'pending_approval' });
    expect(auditEntries(bob).at(-1)).toMatchObject({ action: 'payments.approve-batch', outcome: 'denied', reason: 'APP_OWN_PAYMENT', actor: { userId: 'bob' } });
  });
});

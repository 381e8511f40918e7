import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, openSession, type Session } from '../../src/app/index.js';
import { webAuthnStepUp } from '../../src/app/keys/webAuthnStepUp.js';
import type { UnlockedVault } from '../../src/vault/index.js';
import { addPendingPayments, auditEntries, makeDemoVaults, storedPayment, type DemoVault } from '../fixtures/demo/demoVault.js';
import { approvalProof, batchApprovalProof, enrolKey } from '../support/hardwareKeys.js';
import { startAuthenticatorBrowser, type AuthenticatorBrowser, type VirtualKey } from '../support/virtualAuthenticator.js';

// Attack: an assertion Bob really made over one batch is used for what he did not sign: another batch, a
// single payment of the batch, or the other way round (his assertion over one payment sent as a batch of one).
let browser: AuthenticatorBrowser;
let vaults: Map<string, DemoVault>;
let bob: UnlockedVault;
let session: Session;
let bobsKey: VirtualKey;
let ids: string[];

beforeAll(async () => {
  browser = await startAuthenticatorBrowser();
  vaults = await makeDemoVaults(['bob'], { asMaker: async (maker) => void (ids = await addPendingPayments(maker, ['120.00', '80.50', '310.00', '42.00', '999.99', '15.00'].map((amount) => ({ amount })))) });
  bob = (vaults.get('bob') as DemoVault).vault;
  session = await openSession(bob, { stepUp: webAuthnStepUp({ vault: bob }) });
  bobsKey = await browser.newKey();
  await enrolKey(session, bobsKey, 'Bob YubiKey');
});
afterAll(async () => {
  for (const demo of vaults?.values() ?? []) demo.close();
  await browser?.close();
});

const approvalCount = () => bob.db.prepare('SELECT count(*) FROM approvals WHERE user_id = ?').pluck().get('bob') as number;
const id = (index: number) => ids[index] as string;

async function expectRefused(command: 'payments.approve' | 'payments.approve-batch', input: { id: string } | { ids: string[] }, proof: unknown) {
  const before = approvalCount();
  const result = await dispatch(session, command, input as never, { stepUpProof: proof });
  expect(result).toMatchObject({ ok: false, error: { code: 'APP_STEP_UP_FAILED', message: expect.stringMatching(/challenge/i) } });
  expect(approvalCount()).toBe(before);
  expect(auditEntries(bob).at(-1)).toMatchObject({ action: command, outcome: 'denied', reason: 'APP_STEP_UP_FAILED' });
}

describe("when Bob's assertion over the batch [1, 2] is replayed for the batch [1, 3]", () => {
  it('refuses it with APP_STEP_UP_FAILED (another batch digest), records no approval, audits the refusal', async () => {
    await expectRefused('payments.approve-batch', { ids: [id(0), id(2)] }, await batchApprovalProof(session, bobsKey, [id(0), id(1)]));
  });
});

describe("when Bob's assertion over the batch [1, 2] is replayed to approve payment 1 alone", () => {
  it('refuses it: a batch digest is never a payment digest (another domain tag)', async () => {
    await expectRefused('payments.approve', { id: id(0) }, await batchApprovalProof(session, bobsKey, [id(0), id(1)]));
  });
});

describe("when Bob's assertion over payment 1 alone is replayed as a batch of one", () => {
  it('refuses it: a batch of one has its own digest', async () => {
    await expectRefused('payments.approve-batch', { ids: [id(0)] }, await approvalProof(session, bobsKey, id(0)));
  });
});

describe('when Bob approves a batch of five with one assertion of his key', () => {
  it('approves each of them, and each approval counts when verified again', async () => {
    const batch = ids.slice(0, 5);
    const result = await dispatch(session, 'payments.approve-batch', { ids: batch }, { stepUpProof: await batchApprovalProof(session, bobsKey, batch) });
    expect(result).toMatchObject({ ok: true, value: { payments: batch.map((paymentId) => ({ id: paymentId, status: 'approved', signatureClass: 'E' })) } });
    for (const paymentId of batch) {
      expect(storedPayment(bob, paymentId)).toMatchObject({ status: 'approved' });
      expect(await dispatch(session, 'payments.show', { id: paymentId })).toMatchObject({ ok: true, value: { approvals: [{ userId: 'bob', counts: true }] } });
    }
  });

  it('refuses that same assertion for the batch [6] afterwards', async () => {
    const options = await dispatch(session, 'payments.approve-batch-options', { ids: ids.slice(0, 1).concat(id(5)) });
    expect(options).toMatchObject({ ok: false, error: { code: 'APP_WRONG_STATUS' } });
    const stored = bob.db.prepare('SELECT e.assertion FROM approval_evidence e JOIN approvals a ON a.id = e.approval_id WHERE a.payment_id = ?').pluck().get(id(0)) as string;
    await expectRefused('payments.approve-batch', { ids: [id(5)] }, JSON.parse(stored));
  });
});

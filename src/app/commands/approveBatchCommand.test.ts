import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPendingPayments, auditEntries, makeDemoVaults, recordingStepUp, storedPayment, USD_ACCOUNT, type DemoVault } from '../../../test/fixtures/demo/demoVault.js';
import { batchDigest, paymentDigest } from '../../domain/index.js';
import { parseCapabilities } from '../../policy/index.js';
import { dispatch } from '../dispatch/dispatch.js';
import { openSession } from '../dispatch/openSession.js';
import { requirePayment } from './records/paymentRecords.js';

/*
 * Batch approval through the real dispatcher, signed by Bob's demo credential (a software key whose public key
 * the demo bank signs into the policy; recordingStepUp signs the challenge the dispatcher asks for). The demo
 * rules: EUR operating account up to 10,000.00 — Bob E; above — Bob A + Carol B; other accounts — Bob A + Carol B.
 */
let vaults: Map<string, DemoVault>;
let small: string[];
let large: string;
let dollars: string;
const bob = () => (vaults.get('bob') as DemoVault).vault;

beforeAll(async () => {
  vaults = await makeDemoVaults(['bob'], {
    asMaker: async (maker) => {
      small = await addPendingPayments(maker, [{ amount: '100.00' }, { amount: '250.25' }, { amount: '9999.99' }]);
      [large = ''] = await addPendingPayments(maker, [{ amount: '20000.00', toName: 'Large Works AG' }]);
      [dollars = ''] = await addPendingPayments(maker, [{ amount: '1500.00', from: USD_ACCOUNT, currency: 'USD', toName: 'Tools Inc.' }]);
    },
  });
});
afterAll(() => {
  for (const v of vaults?.values() ?? []) v.close();
});

const digestOf = (id: string) => paymentDigest(requirePayment(bob().db, id).payment);

describe('when Bob asks what a batch of five would sign', () => {
  it('gives the batch digest as the challenge, every payee, and the total per currency', async () => {
    const ids = [...small, large, dollars];
    const result = await dispatch(await openSession(bob()), 'payments.approve-batch-options', { ids });
    const digest = batchDigest(ids.map(digestOf));
    expect(result).toMatchObject({
      ok: true,
      value: {
        digest: digest.toString('hex'),
        options: { challenge: digest.toString('base64url'), rpId: 'bank.example', userVerification: 'required' },
        totals: [
          { currency: 'EUR', amountMinor: 3_035_024, count: 4 },
          { currency: 'USD', amountMinor: 150_000, count: 1 },
        ],
      },
    });
    if (result.ok) expect(result.value.payments.map((p) => [p.id, p.creditorName])).toEqual(ids.map((id) => [id, requirePayment(bob().db, id).payment.creditor.name]));
    if (result.ok) expect(result.value.payments.map((p) => p.payeeCheck)).toEqual(ids.map(() => ({ status: 'not-checked' })));
  });
});

describe('when Bob approves the batch with one assertion', () => {
  it('signs the batch digest once and decides each payment by its own rule', async () => {
    const ids = [...small, large, dollars];
    const { verifier, requests } = recordingStepUp();
    const result = await dispatch(await openSession(bob(), { stepUp: verifier }), 'payments.approve-batch', { ids });
    expect(requests).toHaveLength(1);
    expect(Buffer.from(requests[0]?.challenge ?? []).equals(batchDigest(ids.map(digestOf)))).toBe(true);
    expect(result).toMatchObject({
      ok: true,
      value: {
        payments: [
          ...small.map((id) => ({ id, status: 'approved', signatureClass: 'E', executable: true })),
          { id: large, status: 'pending_approval', signatureClass: 'A', executable: false, missing: ['B'] },
          { id: dollars, status: 'pending_approval', signatureClass: 'A', executable: false, missing: ['B'] },
        ],
      },
    });
    for (const id of small) expect(storedPayment(bob(), id)).toMatchObject({ status: 'approved' });
    expect(auditEntries(bob()).at(-1)).toMatchObject({ action: 'payments.approve-batch', outcome: 'allowed', details: { count: 5, payments: ids } });
    // The batch's payees were never checked with the bank: the entry says so, one per payment, as shown.
    expect(auditEntries(bob()).at(-1)?.details.payeeChecks).toEqual(ids.map(() => ({ result: 'not-checked' })));
  });

  it('gives every payment an approval that counts, with the batch recorded beside the assertion', async () => {
    const session = await openSession(bob());
    for (const id of [...small, large, dollars]) {
      expect(await dispatch(session, 'payments.show', { id })).toMatchObject({ ok: true, value: { approvals: [{ userId: 'bob', counts: true }] } });
    }
    const inputs = bob().db.prepare('SELECT e.digest_inputs AS inputs FROM approval_evidence e JOIN approvals a ON a.id = e.approval_id WHERE a.payment_id = ?').pluck().get(large) as string;
    const parsed = JSON.parse(inputs) as { batch: { tag: string; payments: { id: string; digest: string }[] }; payment: { id: string } };
    expect(parsed.batch.tag).toBe('coffer/payment-batch/v1');
    expect(parsed.batch.payments.map((m) => m.digest)).toEqual([...small, large, dollars].map((id) => digestOf(id).toString('hex')).sort());
    expect(parsed.payment.id).toBe(large);
  });
});

describe('when a batch cannot be approved as a whole', () => {
  it('refuses a payment that is not pending approval with APP_WRONG_STATUS, before any key is asked', async () => {
    const { verifier, requests } = recordingStepUp();
    const result = await dispatch(await openSession(bob(), { stepUp: verifier }), 'payments.approve-batch', { ids: ['demo-0005', 'demo-0001'] });
    expect(result).toMatchObject({ ok: false, error: { code: 'APP_WRONG_STATUS', message: expect.stringContaining('demo-0001') } });
    expect(requests).toEqual([]);
    expect(storedPayment(bob(), 'demo-0005')).toMatchObject({ status: 'pending_approval' });
  });

  it('refuses a batch holding a payment Bob already approved with APP_ALREADY_APPROVED', async () => {
    const result = await dispatch(await openSession(bob(), { stepUp: recordingStepUp().verifier }), 'payments.approve-batch', { ids: ['demo-0005', 'demo-0004'] });
    expect(result).toMatchObject({ ok: false, error: { code: 'APP_ALREADY_APPROVED', message: expect.stringContaining('demo-0004') } });
    expect(bob().db.prepare("SELECT count(*) FROM approvals WHERE payment_id = 'demo-0005'").pluck().get()).toBe(0);
  });

  it('refuses the same payment twice with APP_BAD_INPUT', async () => {
    const result = await dispatch(await openSession(bob(), { stepUp: recordingStepUp().verifier }), 'payments.approve-batch', { ids: ['demo-0005', 'demo-0005'] });
    expect(result).toMatchObject({ ok: false, error: { code: 'APP_BAD_INPUT', message: 'ids: expected each payment once' } });
  });
});

describe("when the approver's capability covers some payments of the batch and not others", () => {
  it('refuses the whole batch with POLICY_DENIED before any key is asked (every payment is authorised)', async () => {
    const capabilities = parseCapabilities([
      {
        name: 'eur-approval.json',
        json: { $schema: './schema.json', identifier: 'eur-approval', description: 'test', roles: ['approver'], permissions: [{ identifier: 'payments:approve', allow: [{ currencies: ['EUR'] }] }] },
      },
    ]);
    const { verifier, requests } = recordingStepUp();
    const result = await dispatch(await openSession(bob(), { stepUp: verifier, capabilities }), 'payments.approve-batch', { ids: ['demo-0005', dollars] });
    expect(result).toMatchObject({ ok: false, error: { code: 'POLICY_DENIED' } });
    expect(requests).toEqual([]);
    expect(storedPayment(bob(), 'demo-0005')).toMatchObject({ status: 'pending_approval' });
    expect(auditEntries(bob()).at(-1)).toMatchObject({ action: 'payments.approve-batch', outcome: 'denied', reason: 'POLICY_DENIED' });
  });
});

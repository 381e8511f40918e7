import { expect, it } from 'vitest';
import { CofferError, type PaymentOrder } from '../../contract/index.js';
import { jwsVerificationKeyFor } from '../../crypto/index.js';
import { verifyPaymentStatusReport } from '../../domain/index.js';
import { startTestGateway } from '../../../test/support/gatewayClient.js';
import { describeOnEachStore } from '../../../test/support/gatewayStores.js';
import { approve, enrolledOrg, order, ORG, submitPayment } from '../../../test/support/paymentGateway.js';
import { loadBankKey } from '../bank/bankKey.js';
import { verifyGatewayAudit } from '../bank/verifyGatewayAudit.js';
import type { GatewayStore } from '../store/openStore.js';
import { exportPayments } from './exportPayments.js';
import { listPayments } from './listPayments.js';
import { markPayment } from './markPayment.js';

/** Accepted payments of the test organisation, approved by bob. */
async function accepted(store: GatewayStore, count: number): Promise<PaymentOrder[]> {
  const gateway = await startTestGateway(store);
  const users = await enrolledOrg(store, gateway.url);
  const payments = Array.from({ length: count }, (_, i) => order({ amountMinor: (i + 1) * 10_00 }));
  for (const payment of payments) {
    const answer = await submitPayment(gateway.url, users.alice, { payment, approvals: [approve(users.bob.hardwareKey, payment)] });
    if (answer.status !== 201) throw new Error(`expected acceptance, got ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return payments;
}

async function codeOf(attempt: Promise<unknown>): Promise<string> {
  try {
    await attempt;
  } catch (error) {
    if (error instanceof CofferError) return error.code;
    throw error;
  }
  return 'succeeded';
}

/** What a mark may change: the payments' statuses, the feed, the audit log. */
async function snapshot(store: GatewayStore) {
  return {
    payments: await store.db.selectFrom('payments').select(['payment_id', 'status', 'status_reason']).orderBy('payment_id').execute(),
    feed: await store.db.selectFrom('payment_status_feed').select(['seq', 'status']).orderBy('seq').execute(),
    audit: await store.db.selectFrom('gateway_audit').select('seq').orderBy('seq').execute(),
  };
}

describeOnEachStore('coffer server payments mark', (stores) => {
  it('marks an exported payment executed: the status, a report signed by the bank key in the feed, and the audit entry, together', async () => {
    const store = await stores.fresh();
    const [payment] = await accepted(store, 1);
    if (!payment) throw new Error('expected a payment');
    await exportPayments(store, 'sam', ORG);
    const marked = await markPayment(store, 'sam', { orgId: ORG, paymentId: payment.id, status: 'executed' });
    const bankKey = jwsVerificationKeyFor((await loadBankKey(store.db, Date.now())).signingKey);
    expect(await verifyPaymentStatusReport(marked.report, bankKey)).toMatchObject({ orgId: ORG, paymentId: payment.id, status: 'executed' });
    expect(await store.db.selectFrom('payments').select(['status', 'status_reason']).executeTakeFirst()).toEqual({ status: 'executed', status_reason: null });
    expect((await store.db.selectFrom('payment_status_feed').select('status').orderBy('seq').execute()).map((row) => row.status)).toEqual(['accepted', 'executed']);
    const entry = await store.db.selectFrom('gateway_audit').select(['seq', 'actor', 'details']).where('action', '=', 'payment.mark').executeTakeFirstOrThrow();
    expect([entry.seq, entry.actor, JSON.parse(entry.details)]).toEqual([marked.auditSeq, 'staff:sam', expect.objectContaining({ paymentId: payment.id, status: 'executed' })]);
    await verifyGatewayAudit(store.db);
  });

  it('marks a payment rejected with its ISO 20022 reason, and a rejected payment never leaves in a pain.001 file', async () => {
    const store = await stores.fresh();
    const [rejected, kept] = await accepted(store, 2);
    if (!rejected || !kept) throw new Error('expected two payments');
    const marked = await markPayment(store, 'sam', { orgId: ORG, paymentId: rejected.id, status: 'rejected', reason: 'AM04' });
    const bankKey = jwsVerificationKeyFor((await loadBankKey(store.db, Date.now())).signingKey);
    expect(await verifyPaymentStatusReport(marked.report, bankKey)).toMatchObject({ paymentId: rejected.id, status: 'rejected', reason: 'AM04' });
    const files = await exportPayments(store, 'sam', ORG);
    expect(files.flatMap((file) => file.paymentIds)).toEqual([kept.id]);
    expect(await store.db.selectFrom('payments').select(['payment_id', 'emission_id']).where('payment_id', '=', rejected.id).executeTakeFirst()).toEqual({ payment_id: rejected.id, emission_id: null });
  });

  it('refuses to mark twice, or to change a final status, with SERVER_PAYMENT_ALREADY_MARKED, changing nothing', async () => {
    const store = await stores.fresh();
    const [payment] = await accepted(store, 1);
    if (!payment) throw new Error('expected a payment');
    await markPayment(store, 'sam', { orgId: ORG, paymentId: payment.id, status: 'rejected', reason: 'AC04' });
    const before = await snapshot(store);
    expect(await codeOf(markPayment(store, 'sam', { orgId: ORG, paymentId: payment.id, status: 'rejected', reason: 'AC04' }))).toBe('SERVER_PAYMENT_ALREADY_MARKED');
    expect(await codeOf(markPayment(store, 'sam', { orgId: ORG, paymentId: payment.id, status: 'executed' }))).toBe('SERVER_PAYMENT_ALREADY_MARKED');
    expect(await snapshot(store)).toEqual(before);
  });

  it('refuses a payment never accepted, an execution before export, and a missing, extra or unknown reason, changing nothing', async () => {
    const store = await stores.fresh();
    const [payment] = await accepted(store, 1);
    if (!payment) throw new Error('expected a payment');
    const before = await snapshot(store);
    expect(await codeOf(markPayment(store, 'sam', { orgId: ORG, paymentId: 'pay-never-submitted', status: 'executed' }))).toBe('SERVER_PAYMENT_NOT_ACCEPTED');
    expect(await codeOf(markPayment(store, 'sam', { orgId: 'nobody', paymentId: payment.id, status: 'executed' }))).toBe('SERVER_NOT_FOUND');
    expect(await codeOf(markPayment(store, 'sam', { orgId: ORG, paymentId: payment.id, status: 'executed' }))).toBe('SERVER_PAYMENT_NOT_EMITTED');
    expect(await codeOf(markPayment(store, 'sam', { orgId: ORG, paymentId: payment.id, status: 'rejected' }))).toBe('SERVER_BAD_REQUEST');
    expect(await codeOf(markPayment(store, 'sam', { orgId: ORG, paymentId: payment.id, status: 'executed', reason: 'AM04' }))).toBe('SERVER_BAD_REQUEST');
    // @ts-expect-error -- a reason code outside ISO 20022's list, as a CLI user could type it
    expect(await codeOf(markPayment(store, 'sam', { orgId: ORG, paymentId: payment.id, status: 'rejected', reason: 'XX99' }))).toBe('SERVER_BAD_REQUEST');
    expect(await snapshot(store)).toEqual(before);
  });

  it('of two staff marking one payment at once through two processes, exactly one succeeds', async () => {
    const store = await stores.fresh();
    const second = await stores.secondProcess(store);
    const [payment] = await accepted(store, 1);
    if (!payment) throw new Error('expected a payment');
    await exportPayments(store, 'sam', ORG);
    const codes = await Promise.all([
      codeOf(markPayment(store, 'sam', { orgId: ORG, paymentId: payment.id, status: 'executed' })),
      codeOf(markPayment(second, 'tom', { orgId: ORG, paymentId: payment.id, status: 'rejected', reason: 'AC06' })),
    ]);
    expect(codes.sort()).toEqual(['SERVER_PAYMENT_ALREADY_MARKED', 'succeeded']);
    expect(await store.db.selectFrom('payment_status_feed').select('status').where('status', '!=', 'accepted').execute()).toHaveLength(1);
    expect(await store.db.selectFrom('gateway_audit').select('seq').where('action', '=', 'payment.mark').execute()).toHaveLength(1);
  });

  it('lists what staff mark: each payment with its status, reason and file, filtered by status', async () => {
    const store = await stores.fresh();
    const [executed, rejected, waiting] = await accepted(store, 3);
    if (!executed || !rejected || !waiting) throw new Error('expected three payments');
    await markPayment(store, 'sam', { orgId: ORG, paymentId: rejected.id, status: 'rejected', reason: 'AM04' });
    const [file] = await exportPayments(store, 'sam', ORG);
    await markPayment(store, 'sam', { orgId: ORG, paymentId: executed.id, status: 'executed' });
    const all = await listPayments(store, { orgId: ORG });
    const byId = new Map(all.map((payment) => [payment.paymentId, payment]));
    expect([executed, rejected, waiting].map((payment) => byId.get(payment.id))).toEqual([
      expect.objectContaining({ status: 'executed', reason: null, amount: '10.00', currency: 'EUR', emission: file?.messageId }),
      expect.objectContaining({ status: 'rejected', reason: 'AM04', amount: '20.00', emission: null }),
      expect.objectContaining({ status: 'accepted', reason: null, amount: '30.00', emission: file?.messageId }),
    ]);
    expect((await listPayments(store, { orgId: ORG, status: 'accepted' })).map((payment) => payment.paymentId)).toEqual([waiting.id]);
    expect(await codeOf(listPayments(store, { orgId: 'nobody' }))).toBe('SERVER_NOT_FOUND');
    // @ts-expect-error -- a status the gateway does not know, as a CLI user could type it
    expect(await codeOf(listPayments(store, { orgId: ORG, status: 'paid' }))).toBe('SERVER_BAD_REQUEST');
  });
});

import { expect, it } from 'vitest';
import { BankKeyText, PaymentStatusFeedResponse, type PaymentOrder, type PaymentStatusReport } from '../../contract/index.js';
import { verifyPaymentStatusReport } from '../../domain/index.js';
import { enrol, send, signedGet, startTestGateway, type TestDevice } from '../../../test/support/gatewayClient.js';
import { describeOnEachStore } from '../../../test/support/gatewayStores.js';
import { approve, approveBatch, enrolledOrg, order, ORG, submitPayment } from '../../../test/support/paymentGateway.js';
import { addUser } from '../bank/addUser.js';
import { createOrganisation } from '../bank/createOrganisation.js';
import { createActivationCode } from '../enrolment/createActivationCode.js';
import { signGatewayRequest } from '../../protocol/index.js';
import type { GatewayStore } from '../store/openStore.js';
import { exportPayments } from './exportPayments.js';
import { markPayment } from './markPayment.js';

async function page(url: string, device: Pick<TestDevice, 'deviceId' | 'key'>, after: number, limit?: number) {
  const answer = await signedGet(url, `/v1/payment-statuses?after=${after}${limit ? `&limit=${limit}` : ''}`, device);
  if (answer.status !== 200) throw new Error(`expected a page, got ${answer.status} ${JSON.stringify(answer.body)}`);
  return PaymentStatusFeedResponse.parse(answer.body);
}

/** Each report of a page, verified with the bank key the device received at enrolment. */
async function reportsOf(device: TestDevice, feed: PaymentStatusFeedResponse): Promise<PaymentStatusReport[]> {
  const bankKey = BankKeyText.parse(device.enrolment.bankKey);
  const key = { alg: bankKey.alg, publicKey: Buffer.from(bankKey.publicKey, 'base64url') };
  return Promise.all(feed.statuses.map((entry) => verifyPaymentStatusReport(entry.report, key)));
}

/** Three accepted payments of the test organisation; the first exported and executed, the second rejected. */
async function paymentsWithStatuses(store: GatewayStore, url: string) {
  const users = await enrolledOrg(store, url);
  const payments: PaymentOrder[] = [order(), order({ amountMinor: 42_00 }), order({ amountMinor: 7_00 })];
  for (const payment of payments) expect((await submitPayment(url, users.alice, { payment, approvals: [approve(users.bob.hardwareKey, payment)] })).status).toBe(201);
  return { users, payments };
}

describeOnEachStore('GET /v1/payment-statuses', (stores) => {
  it("pages through the organisation's signed reports once, in order, and resumes exactly from a cursor", async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const { users, payments } = await paymentsWithStatuses(store, gateway.url);
    const [first, second] = payments;
    if (!first || !second) throw new Error('expected payments');

    const seen: PaymentStatusReport[] = [];
    let cursor = 0;
    for (let more = true; more; ) {
      const feed = await page(gateway.url, users.carol, cursor, 2);
      seen.push(...(await reportsOf(users.carol, feed)));
      cursor = feed.next;
      more = feed.more;
    }
    expect(seen.map((report) => [report.paymentId, report.status])).toEqual(payments.map((payment) => [payment.id, 'accepted']));
    expect(await page(gateway.url, users.carol, cursor)).toEqual({ statuses: [], next: cursor, more: false });

    await exportPayments(store, 'sam', ORG);
    await markPayment(store, 'sam', { orgId: ORG, paymentId: first.id, status: 'executed' });
    await markPayment(store, 'sam', { orgId: ORG, paymentId: second.id, status: 'rejected', reason: 'AC04' });
    const later = await page(gateway.url, users.alice, cursor);
    const reports = await reportsOf(users.alice, later);
    expect(reports.map((report) => [report.paymentId, report.status, report.reason])).toEqual([
      [first.id, 'executed', undefined],
      [second.id, 'rejected', 'AC04'],
    ]);
    expect(reports.map((report) => report.digest)).toEqual(seen.slice(0, 2).map((report) => report.digest));
    // Resuming from the middle gives exactly what follows, and the same entries again.
    const resumed = await page(gateway.url, users.alice, later.statuses[0]?.seq ?? 0);
    expect(resumed.statuses).toEqual(later.statuses.slice(1));
  });

  it("shows another organisation's device nothing of it", async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    await paymentsWithStatuses(store, gateway.url);
    const now = Date.now();
    await createOrganisation(store, 'sam', { orgId: 'other', name: 'Other SARL' }, now);
    await addUser(store, 'sam', { orgId: 'other', userId: 'olga', name: 'Olga', roles: ['maker'] }, now);
    const { code } = await createActivationCode(store, 'sam', { orgId: 'other', userId: 'olga' }, now);
    const olga = await enrol(gateway.url, code, 'vault-olga');
    expect(await page(gateway.url, olga, 0)).toEqual({ statuses: [], next: 0, more: false });
    expect(await page(gateway.url, olga, 1, 1)).toEqual({ statuses: [], next: 1, more: false });
  });

  it('refuses an unsigned, a replayed, an unknown device\'s and a malformed request', async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const { users } = await paymentsWithStatuses(store, gateway.url);
    const url = `${gateway.url}/v1/payment-statuses?after=0`;
    const unsigned = await send(url, 'GET', {});
    const headers = await signGatewayRequest({ method: 'GET', url, keyId: users.alice.deviceId, seed: users.alice.key.seed });
    expect((await send(url, 'GET', headers)).status).toBe(200);
    const replayed = await send(url, 'GET', headers);
    const stranger = await send(url, 'GET', await signGatewayRequest({ method: 'GET', url, keyId: 'dev-nobody', seed: users.alice.key.seed }));
    const malformed = await signedGet(gateway.url, '/v1/payment-statuses?after=-1', users.alice);
    const tooMany = await signedGet(gateway.url, '/v1/payment-statuses?limit=5000', users.alice);
    expect([unsigned, replayed, stranger, malformed, tooMany].map((answer) => [answer.status, answer.code])).toEqual([
      [401, 'SERVER_UNSIGNED'],
      [401, 'SERVER_REPLAY'],
      [401, 'SERVER_UNKNOWN_DEVICE'],
      [400, 'SERVER_BAD_REQUEST'],
      [400, 'SERVER_BAD_REQUEST'],
    ]);
  });

  it('misses no report written while a device syncs: payments accepted at once through two processes all reach its cursor', async () => {
    const store = await stores.fresh();
    const first = await startTestGateway(store);
    const second = await startTestGateway(await stores.secondProcess(store));
    const users = await enrolledOrg(store, first.url);
    // One batch approval, so the payments' counters do not decide among them.
    const batch = Array.from({ length: 12 }, (_, i) => order({ amountMinor: (i + 1) * 100 }));
    const approval = approveBatch(users.bob.hardwareKey, batch);
    const seen: number[] = [];
    let cursor = 0;
    const syncOnce = async () => {
      const feed = await page(first.url, users.carol, cursor);
      seen.push(...feed.statuses.map((entry) => entry.seq));
      cursor = feed.next;
    };
    let submitting = true;
    const submissions = Promise.all(batch.map((payment, i) => submitPayment((i % 2 === 0 ? first : second).url, users.alice, { payment, approvals: [approval] }))).finally(() => {
      submitting = false;
    });
    while (submitting) await syncOnce();
    expect((await submissions).map((answer) => answer.status)).toEqual(batch.map(() => 201));
    await syncOnce();
    const written = await store.db.selectFrom('payment_status_feed').select('seq').orderBy('seq').execute();
    expect(seen).toEqual(written.map((row) => row.seq));
  });
});

import { expect, it } from 'vitest';
import { PaymentAnswer } from '../../contract/index.js';
import { startTestGateway } from '../../../test/support/gatewayClient.js';
import { describeOnEachStore } from '../../../test/support/gatewayStores.js';
import { approve, approveBatch, enrolledOrg, order, submitPayment, SMALL_EUR_LIMIT_MINOR } from '../../../test/support/paymentGateway.js';

describeOnEachStore('POST /v1/payments with a batch approval', (stores) => {
  it('accepts every payment of the batch with its one assertion, raising the counter once and recording the assertion once', async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const users = await enrolledOrg(store, gateway.url);
    const batch = [order(), order({ amountMinor: 12_50 }), order({ remittanceInfo: 'Rent December' })];
    const approval = approveBatch(users.bob.hardwareKey, batch, { counter: 5 });
    const answers = [];
    for (const payment of batch) answers.push(await submitPayment(gateway.url, users.alice, { payment, approvals: [approval] }));
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201]);
    expect(answers.map((answer) => PaymentAnswer.parse(answer.body).approvedBy)).toEqual([['bob'], ['bob'], ['bob']]);
    expect(await store.db.selectFrom('credentials').select('sign_count').where('id', '=', users.bob.hardwareKey.id).executeTakeFirst()).toEqual({ sign_count: 5 });
    const recorded = await store.db.selectFrom('batch_assertions').select(['credential_id', 'sign_count', 'payment_id']).execute();
    expect(recorded).toEqual([{ credential_id: users.bob.hardwareKey.id, sign_count: 5, payment_id: batch[0]?.id }]);
    const audit = await store.db.selectFrom('gateway_audit').select('details').where('action', '=', 'payment.accept').orderBy('seq').execute();
    const approvals = audit.map((entry) => (JSON.parse(entry.details) as { approvals: { batchDigest?: string; counterRaised: boolean }[] }).approvals[0]);
    expect(approvals.map((approval) => approval?.counterRaised)).toEqual([true, false, false]);
    const batchDigests = approvals.map((approval) => approval?.batchDigest);
    expect(new Set(batchDigests).size).toBe(1);
    expect(batchDigests[0]).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts the payments of one batch racing through two gateway processes: the counter is raised once, none is taken for a clone', async () => {
    const store = await stores.fresh();
    const first = await startTestGateway(store);
    const second = await startTestGateway(await stores.secondProcess(store));
    const users = await enrolledOrg(store, first.url);
    const batch = Array.from({ length: 6 }, (_, i) => order({ amountMinor: (i + 1) * 100_00 }));
    const approval = approveBatch(users.bob.hardwareKey, batch, { counter: 9 });
    const answers = await Promise.all(batch.map((payment, i) => submitPayment((i % 2 === 0 ? first : second).url, users.alice, { payment, approvals: [approval] })));
    expect(answers.map((answer) => [answer.status, answer.code])).toEqual(batch.map(() => [201, undefined]));
    expect(await store.db.selectFrom('batch_assertions').select('sign_count').execute()).toEqual([{ sign_count: 9 }]);
    expect(await store.db.selectFrom('credentials').select('sign_count').where('id', '=', users.bob.hardwareKey.id).executeTakeFirst()).toEqual({ sign_count: 9 });
  });

  it("counts a batch approval beside a single one under the payment's own rule (A in a batch, B alone)", async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const users = await enrolledOrg(store, gateway.url);
    const large = order({ amountMinor: SMALL_EUR_LIMIT_MINOR + 1 });
    const small = order();
    const bobs = approveBatch(users.bob.hardwareKey, [large, small]);
    // Bob's A alone does not release the large one; with Carol's B it does; his E releases the small one.
    const alone = await submitPayment(gateway.url, users.alice, { payment: large, approvals: [bobs] });
    expect([alone.status, alone.code]).toEqual([422, 'POLICY_APPROVALS_MISSING']);
    const both = await submitPayment(gateway.url, users.alice, { payment: large, approvals: [bobs, approve(users.carol.hardwareKey, large)] });
    expect([both.status, PaymentAnswer.parse(both.body).approvedBy]).toEqual([201, ['bob', 'carol']]);
    expect((await submitPayment(gateway.url, users.alice, { payment: small, approvals: [bobs] })).status).toBe(201);
  });

  it('refuses a batch assertion whose counter is not above the stored one on its first use with SERVER_CREDENTIAL_CLONED', async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const users = await enrolledOrg(store, gateway.url);
    const single = order();
    expect((await submitPayment(gateway.url, users.alice, { payment: single, approvals: [approve(users.bob.hardwareKey, single, { counter: 8 })] })).status).toBe(201);
    const batch = [order(), order()];
    const stale = approveBatch(users.bob.hardwareKey, batch, { counter: 8 });
    const answer = await submitPayment(gateway.url, users.alice, { payment: batch[0] ?? single, approvals: [stale] });
    expect([answer.status, answer.code]).toEqual([422, 'SERVER_CREDENTIAL_CLONED']);
    expect(await store.db.selectFrom('batch_assertions').selectAll().execute()).toEqual([]);
  });

  it('refuses a batch that names one payment twice with DOMAIN_BAD_DIGEST, and a malformed digest with SERVER_BAD_REQUEST', async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const users = await enrolledOrg(store, gateway.url);
    const payment = order();
    const approval = approveBatch(users.bob.hardwareKey, [payment]);
    const own = approval.batch?.digests[0] ?? '';
    const twice = await submitPayment(gateway.url, users.alice, { payment, approvals: [{ ...approval, batch: { digests: [own, own] } }] });
    expect([twice.status, twice.code]).toEqual([422, 'DOMAIN_BAD_DIGEST']);
    const upper = await submitPayment(gateway.url, users.alice, { payment, approvals: [{ ...approval, batch: { digests: [own.toUpperCase()] } }] });
    expect([upper.status, upper.code]).toEqual([400, 'SERVER_BAD_REQUEST']);
    expect(await store.db.selectFrom('payments').selectAll().execute()).toEqual([]);
  });
});

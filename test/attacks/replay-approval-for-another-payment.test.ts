import { expect, it } from 'vitest';
import { startTestGateway } from '../support/gatewayClient.js';
import { describeOnEachStore } from '../support/gatewayStores.js';
import { approve, enrolledOrg, order, submitPayment } from '../support/paymentGateway.js';

describeOnEachStore('an attacker replays an approval', (stores) => {
  it("an approval of one payment attached to another is refused with SERVER_BAD_APPROVAL: its challenge is the first one's digest", async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const users = await enrolledOrg(store, gateway.url);
    const approved = order();
    const approval = approve(users.bob.hardwareKey, approved);
    expect((await submitPayment(gateway.url, users.alice, { payment: approved, approvals: [approval] })).status).toBe(201);
    const other = order({ creditor: { name: 'Mallory Ltd', iban: 'NL91ABNA0417164300' } });
    const replayed = await submitPayment(gateway.url, users.alice, { payment: other, approvals: [approval] });
    expect([replayed.status, replayed.code]).toEqual([422, 'SERVER_BAD_APPROVAL']);
  });

  it('an assertion whose counter does not exceed the stored one is refused with SERVER_CREDENTIAL_CLONED', async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const users = await enrolledOrg(store, gateway.url);
    const key = users.bob.hardwareKey;
    const first = order();
    expect((await submitPayment(gateway.url, users.alice, { payment: first, approvals: [approve(key, first, { counter: 7 })] })).status).toBe(201);
    // A copy of the key (or a held-back assertion) signing with a counter at or below 7.
    const second = order();
    const stale = await submitPayment(gateway.url, users.alice, { payment: second, approvals: [approve(key, second, { counter: 7 })] });
    expect([stale.status, stale.code]).toEqual([422, 'SERVER_CREDENTIAL_CLONED']);
    expect(await store.db.selectFrom('credentials').select('sign_count').where('id', '=', key.id).executeTakeFirst()).toEqual({ sign_count: 7 });
  });

  it('two payments racing with assertions of one counter through two gateway processes: one is accepted', async () => {
    const store = await stores.fresh();
    const first = await startTestGateway(store);
    const second = await startTestGateway(await stores.secondProcess(store));
    const users = await enrolledOrg(store, first.url);
    const key = users.bob.hardwareKey;
    const payments = [order(), order()];
    const answers = await Promise.all(payments.map((payment, i) => submitPayment((i === 0 ? first : second).url, users.alice, { payment, approvals: [approve(key, payment, { counter: 3 })] })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 422]);
    expect(answers.find((answer) => answer.status === 422)?.code).toBe('SERVER_CREDENTIAL_CLONED');
    expect(await store.db.selectFrom('payments').select('payment_id').execute()).toHaveLength(1);
  });
});

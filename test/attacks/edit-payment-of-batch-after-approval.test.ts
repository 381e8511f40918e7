import { expect, it } from 'vitest';
import { startTestGateway } from '../support/gatewayClient.js';
import { describeOnEachStore } from '../support/gatewayStores.js';
import { approveBatch, enrolledOrg, order, refusalsAudited, submitPayment } from '../support/paymentGateway.js';

describeOnEachStore('an attacker edits one payment of an approved batch before submitting it', (stores) => {
  it('only the edited payment is refused, with SERVER_NOT_IN_BATCH and an audit entry; the rest of the batch is accepted', async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const users = await enrolledOrg(store, gateway.url);
    const batch = [order(), order({ amountMinor: 450_00 }), order({ remittanceInfo: 'Invoice 2211' })];
    const approval = approveBatch(users.bob.hardwareKey, batch);
    const [first, second, third] = batch;
    if (!first || !second || !third) throw new Error('expected three payments');
    const redirected = { ...second, creditor: { name: second.creditor.name, iban: 'NL91ABNA0417164300' } };
    const answers = [
      await submitPayment(gateway.url, users.alice, { payment: first, approvals: [approval] }),
      await submitPayment(gateway.url, users.alice, { payment: redirected, approvals: [approval] }),
      await submitPayment(gateway.url, users.alice, { payment: third, approvals: [approval] }),
    ];
    expect(answers.map((answer) => [answer.status, answer.code])).toEqual([
      [201, undefined],
      [422, 'SERVER_NOT_IN_BATCH'],
      [201, undefined],
    ]);
    const accepted = await store.db.selectFrom('payments').select('payment_id').orderBy('payment_id').execute();
    expect(accepted.map((row) => row.payment_id)).toEqual([first.id, third.id].sort());
    expect(await refusalsAudited(store)).toEqual([{ paymentId: second.id, code: 'SERVER_NOT_IN_BATCH' }]);
    // The payment as approved is still accepted afterwards: the edit spent nothing.
    expect((await submitPayment(gateway.url, users.alice, { payment: second, approvals: [approval] })).status).toBe(201);
  });
});

import { expect, it } from 'vitest';
import { startTestGateway } from '../support/gatewayClient.js';
import { describeOnEachStore } from '../support/gatewayStores.js';
import { approveBatch, digestOf, enrolledOrg, order, refusalsAudited, submitPayment } from '../support/paymentGateway.js';

describeOnEachStore('an attacker reuses a batch approval for a payment outside its batch', (stores) => {
  it('a payment not in the batch, carrying the batch as signed, is refused with SERVER_NOT_IN_BATCH and audited', async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const users = await enrolledOrg(store, gateway.url);
    const batch = [order(), order()];
    const approval = approveBatch(users.bob.hardwareKey, batch);
    expect((await submitPayment(gateway.url, users.alice, { payment: batch[0] ?? order(), approvals: [approval] })).status).toBe(201);
    // The list and the assertion are untouched, so the signature verifies: only the list's content stops it.
    const outsider = order({ creditor: { name: 'Mallory Ltd', iban: 'NL91ABNA0417164300' } });
    const answer = await submitPayment(gateway.url, users.alice, { payment: outsider, approvals: [approval] });
    expect([answer.status, answer.code]).toEqual([422, 'SERVER_NOT_IN_BATCH']);
    expect(await store.db.selectFrom('payments').select('payment_id').where('payment_id', '=', outsider.id).execute()).toEqual([]);
    expect(await refusalsAudited(store)).toEqual([{ paymentId: outsider.id, code: 'SERVER_NOT_IN_BATCH' }]);
  });

  it('the same payment with its digest added to the list is refused with SERVER_BAD_APPROVAL: the list is what was signed', async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const users = await enrolledOrg(store, gateway.url);
    const batch = [order(), order()];
    const approval = approveBatch(users.bob.hardwareKey, batch);
    const outsider = order({ creditor: { name: 'Mallory Ltd', iban: 'NL91ABNA0417164300' } });
    const digests = approval.batch?.digests ?? [];
    for (const edited of [[...digests, digestOf(outsider).toString('hex')], [digests[0] ?? '', digestOf(outsider).toString('hex')]]) {
      const answer = await submitPayment(gateway.url, users.alice, { payment: outsider, approvals: [{ ...approval, batch: { digests: edited } }] });
      expect([answer.status, answer.code]).toEqual([422, 'SERVER_BAD_APPROVAL']);
    }
    expect(await store.db.selectFrom('payments').select('payment_id').execute()).toEqual([]);
    expect(await refusalsAudited(store)).toEqual([
      { paymentId: outsider.id, code: 'SERVER_BAD_APPROVAL' },
      { paymentId: outsider.id, code: 'SERVER_BAD_APPROVAL' },
    ]);
  });

  it('a batch-of-one approval passed off as a single one is refused with SERVER_BAD_APPROVAL: the tags differ', async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const users = await enrolledOrg(store, gateway.url);
    const payment = order();
    const batchOfOne = approveBatch(users.bob.hardwareKey, [payment]);
    const single = { credentialId: batchOfOne.credentialId, assertion: batchOfOne.assertion };
    const answer = await submitPayment(gateway.url, users.alice, { payment, approvals: [single] });
    expect([answer.status, answer.code]).toEqual([422, 'SERVER_BAD_APPROVAL']);
    expect(await refusalsAudited(store)).toEqual([{ paymentId: payment.id, code: 'SERVER_BAD_APPROVAL' }]);
  });
});

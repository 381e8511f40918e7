import { expect, it } from 'vitest';
import { startTestGateway } from '../support/gatewayClient.js';
import { describeOnEachStore } from '../support/gatewayStores.js';
import { approve, enrolledOrg, order, submitPayment } from '../support/paymentGateway.js';

describeOnEachStore('a maker approves her own payment at the gateway', (stores) => {
  it('her signature is refused with SERVER_MAKER_APPROVED, although the rule gives her class E', async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const users = await enrolledOrg(store, gateway.url);
    const payment = order();
    const answer = await submitPayment(gateway.url, users.alice, { payment, approvals: [approve(users.alice.hardwareKey, payment)] });
    expect([answer.status, answer.code]).toEqual([422, 'SERVER_MAKER_APPROVED']);
  });

  it('naming someone else as maker from her device is refused with SERVER_NOT_MAKER', async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const users = await enrolledOrg(store, gateway.url);
    const payment = order({ createdBy: 'carol' });
    const answer = await submitPayment(gateway.url, users.alice, { payment, approvals: [approve(users.alice.hardwareKey, payment)] });
    expect([answer.status, answer.code]).toEqual([403, 'SERVER_NOT_MAKER']);
  });
});

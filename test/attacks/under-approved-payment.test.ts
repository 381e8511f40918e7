import { expect, it } from 'vitest';
import { startTestGateway } from '../support/gatewayClient.js';
import { describeOnEachStore } from '../support/gatewayStores.js';
import { approve, enrolledOrg, order, SMALL_EUR_LIMIT_MINOR, submitPayment } from '../support/paymentGateway.js';

describeOnEachStore('a maker submits a payment with too few approvals', (stores) => {
  it('a large payment with only an A is refused with POLICY_APPROVALS_MISSING, with A and B accepted', async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const users = await enrolledOrg(store, gateway.url);
    const payment = order({ amountMinor: SMALL_EUR_LIMIT_MINOR + 1 });
    const alone = await submitPayment(gateway.url, users.alice, { payment, approvals: [approve(users.bob.hardwareKey, payment)] });
    expect([alone.status, alone.code]).toEqual([422, 'POLICY_APPROVALS_MISSING']);
    const both = await submitPayment(gateway.url, users.alice, { payment, approvals: [approve(users.bob.hardwareKey, payment), approve(users.carol.hardwareKey, payment)] });
    expect(both.status).toBe(201);
  });

  it('a class T signature counts for nothing: refused with POLICY_APPROVALS_MISSING', async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const users = await enrolledOrg(store, gateway.url);
    const payment = order();
    const answer = await submitPayment(gateway.url, users.alice, { payment, approvals: [approve(users.dave.hardwareKey, payment)] });
    expect([answer.status, answer.code]).toEqual([422, 'POLICY_APPROVALS_MISSING']);
  });
});

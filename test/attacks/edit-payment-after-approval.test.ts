import { expect, it } from 'vitest';
import { startTestGateway } from '../support/gatewayClient.js';
import { describeOnEachStore } from '../support/gatewayStores.js';
import { approve, enrolledOrg, order, submitPayment } from '../support/paymentGateway.js';

describeOnEachStore('an attacker edits a payment after it was approved', (stores) => {
  const edits = {
    amount: { amountMinor: 9_999_00 },
    creditor: { creditor: { name: 'Boulangerie Éclair SARL', iban: 'NL91ABNA0417164300' } },
    reference: { remittanceInfo: 'Catering Q2 and more' },
    expiry: { expiresAt: new Date(Date.now() + 60 * 86_400_000).toISOString() },
  };
  for (const [field, change] of Object.entries(edits)) {
    it(`a changed ${field} is refused with SERVER_BAD_APPROVAL: the gateway re-derives the digest`, async () => {
      const store = await stores.fresh();
      const gateway = await startTestGateway(store);
      const users = await enrolledOrg(store, gateway.url);
      const payment = order();
      const approval = approve(users.bob.hardwareKey, payment);
      const answer = await submitPayment(gateway.url, users.alice, { payment: { ...payment, ...change }, approvals: [approval] });
      expect([answer.status, answer.code]).toEqual([422, 'SERVER_BAD_APPROVAL']);
      expect(await store.db.selectFrom('payments').select('payment_id').execute()).toEqual([]);
    });
  }
});

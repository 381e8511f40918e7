import { expect, it } from 'vitest';
import { BankKeyText, PaymentStatusFeedResponse } from '../../src/contract/index.js';
import { signJws } from '../../src/crypto/index.js';
import { PAYMENT_STATUS_JWS_TYPE, signPaymentStatusReport, verifyPaymentStatusReport } from '../../src/domain/index.js';
import { markPayment } from '../../src/server/index.js';
import { signedGet, startTestGateway } from '../support/gatewayClient.js';
import { describeOnEachStore } from '../support/gatewayStores.js';
import { approve, enrolledOrg, order, ORG, submitPayment } from '../support/paymentGateway.js';

describeOnEachStore("a vault's user forges the bank's word that a payment was executed", (stores) => {
  it('a rejection edited into an execution, a report signed by her own device key, and another bank-signed document are refused with DOMAIN_BAD_STATUS_REPORT', async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const users = await enrolledOrg(store, gateway.url);
    const payment = order();
    expect((await submitPayment(gateway.url, users.alice, { payment, approvals: [approve(users.bob.hardwareKey, payment)] })).status).toBe(201);
    await markPayment(store, 'sam', { orgId: ORG, paymentId: payment.id, status: 'rejected', reason: 'AM04' });
    const feed = PaymentStatusFeedResponse.parse((await signedGet(gateway.url, '/v1/payment-statuses', users.alice)).body);
    const bankKeyText = BankKeyText.parse(users.alice.enrolment.bankKey);
    const bankKey = { alg: bankKeyText.alg, publicKey: Buffer.from(bankKeyText.publicKey, 'base64url') };
    const rejection = feed.statuses.at(-1)?.report ?? '';
    const genuine = await verifyPaymentStatusReport(rejection, bankKey);
    expect([genuine.status, genuine.reason]).toEqual(['rejected', 'AM04']);

    // The payload rewritten, the bank's signature kept.
    const [header, , signature] = rejection.split('.');
    const { reason: _dropped, ...rest } = genuine;
    const executed = { ...rest, status: 'executed' as const };
    const edited = `${header}.${Buffer.from(JSON.stringify(executed)).toString('base64url')}.${signature}`;
    await expect(verifyPaymentStatusReport(edited, bankKey)).toThrowCode('DOMAIN_BAD_STATUS_REPORT');
    // Signed afresh with the key she holds: her device's Ed25519 key, the same algorithm as the bank's.
    const ownKey = { alg: 'EdDSA' as const, privateKey: users.alice.key.seed };
    await expect(verifyPaymentStatusReport(await signPaymentStatusReport(executed, ownKey), bankKey)).toThrowCode('DOMAIN_BAD_STATUS_REPORT');
    // A document the bank did sign, but of another kind: the policy, and a report-shaped payload under its typ.
    await expect(verifyPaymentStatusReport(users.alice.enrolment.policy, bankKey)).toThrowCode('DOMAIN_BAD_STATUS_REPORT');
    await expect(verifyPaymentStatusReport(users.alice.enrolment.deviceCertificate, bankKey)).toThrowCode('DOMAIN_BAD_STATUS_REPORT');
    await expect(verifyPaymentStatusReport(await signJws(new TextEncoder().encode(JSON.stringify(executed)), ownKey, { typ: PAYMENT_STATUS_JWS_TYPE }), bankKey)).toThrowCode('DOMAIN_BAD_STATUS_REPORT');
  });
});

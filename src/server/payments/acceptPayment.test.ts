import { expect, it } from 'vitest';
import { PaymentAnswer } from '../../contract/index.js';
import { startTestGateway } from '../../../test/support/gatewayClient.js';
import { describeOnEachStore } from '../../../test/support/gatewayStores.js';
import { approve, digestOf, enrolledOrg, newIdempotencyKey, order, submitPayment, USD_ACCOUNT } from '../../../test/support/paymentGateway.js';

describeOnEachStore('POST /v1/payments', (stores) => {
  it('accepts an approved payment once: 201 with the digest, the counted approvers, the counter raised and an audit entry', async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const users = await enrolledOrg(store, gateway.url);
    const payment = order();
    const answer = await submitPayment(gateway.url, users.alice, { payment, approvals: [approve(users.bob.hardwareKey, payment)] });
    expect(answer.body).toMatchObject({ status: 'accepted' });
    const body = PaymentAnswer.parse(answer.body);
    expect(body).toMatchObject({ paymentId: payment.id, orgId: 'nordlicht', digest: digestOf(payment).toString('hex'), status: 'accepted', approvedBy: ['bob'] });
    expect(await store.db.selectFrom('credentials').select('sign_count').where('user_id', '=', 'bob').executeTakeFirst()).toEqual({ sign_count: 1 });
    const audit = await store.db.selectFrom('gateway_audit').select(['action', 'actor']).where('action', '=', 'payment.accept').execute();
    expect(audit).toEqual([{ action: 'payment.accept', actor: `device:${users.alice.deviceId}` }]);
  });

  it('answers the same payment again with 409 and the stored answer, and a retried Idempotency-Key with the first answer', async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const users = await enrolledOrg(store, gateway.url);
    const payment = order();
    const submission = { payment, approvals: [approve(users.bob.hardwareKey, payment)] };
    const key = newIdempotencyKey();
    const first = await submitPayment(gateway.url, users.alice, submission, key);
    const retry = await submitPayment(gateway.url, users.alice, submission, key);
    const duplicate = await submitPayment(gateway.url, users.alice, submission);
    expect([first.status, retry.status, duplicate.status]).toEqual([201, 201, 409]);
    expect(retry.body).toEqual(first.body);
    expect(duplicate.body).toEqual(first.body);
    expect(await store.db.selectFrom('payments').select('payment_id').execute()).toHaveLength(1);
  });

  it('refuses a reused Idempotency-Key for another request with SERVER_IDEMPOTENCY_KEY_REUSED', async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const users = await enrolledOrg(store, gateway.url);
    const key = newIdempotencyKey();
    const first = order();
    expect((await submitPayment(gateway.url, users.alice, { payment: first, approvals: [approve(users.bob.hardwareKey, first)] }, key)).status).toBe(201);
    const second = order();
    const reused = await submitPayment(gateway.url, users.alice, { payment: second, approvals: [approve(users.bob.hardwareKey, second)] }, key);
    expect([reused.status, reused.code]).toEqual([422, 'SERVER_IDEMPOTENCY_KEY_REUSED']);
    expect(await store.db.selectFrom('payments').select('payment_id').execute()).toHaveLength(1);
  });

  it('refuses another order under an accepted id with SERVER_PAYMENT_ID_CONFLICT', async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const users = await enrolledOrg(store, gateway.url);
    const payment = order();
    expect((await submitPayment(gateway.url, users.alice, { payment, approvals: [approve(users.bob.hardwareKey, payment)] })).status).toBe(201);
    const other = { ...payment, remittanceInfo: 'Catering Q3' };
    const answer = await submitPayment(gateway.url, users.alice, { payment: other, approvals: [approve(users.bob.hardwareKey, other)] });
    expect([answer.status, answer.code]).toEqual([409, 'SERVER_PAYMENT_ID_CONFLICT']);
  });

  it('refuses a payment whose maker is not the device user, an expired one, and one from an account the organisation does not hold', async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const users = await enrolledOrg(store, gateway.url);
    const byCarol = order({ createdBy: 'carol' });
    const notMaker = await submitPayment(gateway.url, users.alice, { payment: byCarol, approvals: [approve(users.bob.hardwareKey, byCarol)] });
    const stale = order({ expiresAt: new Date(Date.now() - 1000).toISOString(), executionDate: new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10) });
    const expired = await submitPayment(gateway.url, users.alice, { payment: stale, approvals: [approve(users.bob.hardwareKey, stale)] });
    const foreign = order({ debtorIban: 'GB29NWBK60161331926819', creditor: { name: 'Someone', iban: 'DE75512108001245126199' } });
    const notHeld = await submitPayment(gateway.url, users.alice, { payment: foreign, approvals: [approve(users.bob.hardwareKey, foreign)] });
    expect([notMaker.code, expired.code, notHeld.code]).toEqual(['SERVER_NOT_MAKER', 'DOMAIN_PAYMENT_EXPIRED', 'SERVER_UNKNOWN_ACCOUNT']);
    expect([notMaker.status, expired.status, notHeld.status]).toEqual([403, 422, 422]);
    expect(await store.db.selectFrom('payments').select('payment_id').execute()).toHaveLength(0);
  });

  it('accepts a USD payment with A and B, and refuses it without an Idempotency-Key', async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const users = await enrolledOrg(store, gateway.url);
    const payment = order({ debtorIban: USD_ACCOUNT, currency: 'USD', creditor: { name: 'Acme Inc', iban: 'GB29NWBK60161331926819', bic: 'NWBKGB2L' } });
    const approvals = [approve(users.bob.hardwareKey, payment), approve(users.carol.hardwareKey, payment)];
    const accepted = await submitPayment(gateway.url, users.alice, { payment, approvals });
    expect([accepted.status, (accepted.body as PaymentAnswer).approvedBy]).toEqual([201, ['bob', 'carol']]);
    const unkeyed = await submitPayment(gateway.url, users.alice, { payment, approvals }, '');
    expect([unkeyed.status, unkeyed.code]).toEqual([400, 'SERVER_BAD_REQUEST']);
  });
});

import { expect, it } from 'vitest';
import { GatewayErrorResponse, PaymentAnswer, paymentRefusalOf } from '../../contract/index.js';
import { encodeJson, send, startTestGateway } from '../../../test/support/gatewayClient.js';
import { signGatewayRequest } from '../../protocol/index.js';
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

  it('answers each refusal with a listed code the app can show and a one-line message that carries no assertion, and audits it', async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const users = await enrolledOrg(store, gateway.url);
    const badIban = order({ creditor: { name: 'Someone', iban: 'DE00000000000000000000' } });
    const greek = order({ creditor: { name: 'Ωμέγα Α.Ε.', iban: 'FR1420041010050500013M02606' } });
    const outsideSepa = order({ creditor: { name: 'Banco', iban: 'BR1800360305000010009795493C1' } });
    // A payment that has no digest has no approval of its own: it carries one of a valid order.
    const cases = [badIban, greek, outsideSepa].map((payment) => ({ payment, approvals: [approve(users.bob.hardwareKey, payment === badIban ? order() : payment)] }));
    const answers = [];
    for (const submission of cases) answers.push(await submitPayment(gateway.url, users.alice, submission));
    // A body that is no submission at all, signed by the device.
    const url = `${gateway.url}/v1/payments`;
    const body = encodeJson({ payment: { id: 'pay-x' } });
    const headers = await signGatewayRequest({ method: 'POST', url, body, keyId: users.alice.deviceId, seed: users.alice.key.seed });
    answers.push(await send(url, 'POST', { ...headers, 'content-type': 'application/json', 'idempotency-key': newIdempotencyKey() }, body));
    expect(answers.map((answer) => [answer.status, answer.code])).toEqual([
      [422, 'DOMAIN_BAD_PAYMENT'],
      [422, 'DOMAIN_BAD_CHARSET'],
      [422, 'DOMAIN_BAD_EXPORT'],
      [400, 'SERVER_BAD_REQUEST'],
    ]);
    for (const answer of answers) {
      const { error } = GatewayErrorResponse.parse(answer.body);
      expect(paymentRefusalOf(error.code)?.text).toEqual(expect.any(String));
      expect(error.message).not.toContain('\n');
      for (const submission of cases) expect(error.message).not.toContain(submission.approvals[0]?.assertion.response.signature);
    }
    const audited = await store.db.selectFrom('gateway_audit').select('details').where('action', '=', 'payment.refuse').orderBy('seq').execute();
    expect(audited.map((row) => (JSON.parse(row.details) as { paymentId: unknown; code: unknown }))).toEqual([
      expect.objectContaining({ paymentId: badIban.id, code: 'DOMAIN_BAD_PAYMENT' }),
      expect.objectContaining({ paymentId: greek.id, code: 'DOMAIN_BAD_CHARSET' }),
      expect.objectContaining({ paymentId: outsideSepa.id, code: 'DOMAIN_BAD_EXPORT' }),
      expect.objectContaining({ paymentId: null, code: 'SERVER_BAD_REQUEST' }),
    ]);
    expect(audited.map((row) => row.details).join('')).not.toContain('signature');
  });
});

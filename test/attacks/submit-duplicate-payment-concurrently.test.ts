import { expect, it } from 'vitest';
import { PaymentAnswer } from '../../src/contract/index.js';
import { startTestGateway } from '../support/gatewayClient.js';
import { describeOnEachStore } from '../support/gatewayStores.js';
import { approve, enrolledOrg, newIdempotencyKey, order, submitPayment } from '../support/paymentGateway.js';

const COPIES = 1000;
// Every copy comes from one address: the shared limit must not be what stops them.
const RATE_LIMIT = { max: 100_000, windowMs: 60_000 };

describeOnEachStore('a payment submitted 1,000 times at once', (stores) => {
  it('through two gateway processes on one store: exactly one is accepted, every other copy is answered as the duplicate of it', { timeout: 300_000 }, async () => {
    const store = await stores.fresh();
    const first = await startTestGateway(store, { rateLimit: RATE_LIMIT, log: false });
    const second = await startTestGateway(await stores.secondProcess(store), { rateLimit: RATE_LIMIT, log: false });
    const users = await enrolledOrg(store, first.url);
    const payment = order();
    const submission = { payment, approvals: [approve(users.bob.hardwareKey, payment)] };
    const keys = Array.from({ length: COPIES }, () => newIdempotencyKey());
    const started = performance.now();
    const answers = await Promise.all(keys.map((key, i) => submitPayment((i % 2 === 0 ? first : second).url, users.alice, submission, key)));
    const seconds = (performance.now() - started) / 1000;
    process.stderr.write(`coffer: ${COPIES} duplicate submissions (${stores.kind}) answered in ${seconds.toFixed(1)} s\n`);
    expect(answers.filter((answer) => answer.status !== 201 && answer.status !== 409).map((answer) => answer.code)).toEqual([]);
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(COPIES - 1);
    const winnerAt = answers.findIndex((answer) => answer.status === 201);
    const loserAt = answers.findIndex((answer) => answer.status === 409);
    const [winner, winnerKey, loserKey] = [answers[winnerAt], keys[winnerAt], keys[loserAt]];
    if (!winner || !winnerKey || !loserKey) throw new Error('expected one accepted copy and duplicates');
    // Every duplicate carries the one stored answer.
    expect(new Set(answers.map((answer) => JSON.stringify(PaymentAnswer.parse(answer.body))))).toEqual(new Set([JSON.stringify(winner.body)]));
    expect(await store.db.selectFrom('payments').select('payment_id').execute()).toEqual([{ payment_id: payment.id }]);
    expect(await store.db.selectFrom('gateway_audit').select('seq').where('action', '=', 'payment.accept').execute()).toHaveLength(1);
    expect(await store.db.selectFrom('credentials').select('sign_count').where('id', '=', users.bob.hardwareKey.id).executeTakeFirst()).toEqual({ sign_count: 1 });
    // The winner's retry, with its own key, gets its 201 again; a loser's retry its 409.
    expect(await submitPayment(second.url, users.alice, submission, winnerKey)).toMatchObject({ status: 201, body: winner.body });
    expect(await submitPayment(first.url, users.alice, submission, loserKey)).toMatchObject({ status: 409, body: winner.body });
  });
});

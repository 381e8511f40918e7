import { expect, it } from 'vitest';
import { demoCredentialId, demoCredentialPrivateKey } from '../../src/domain/index.js';
import { startTestGateway } from '../support/gatewayClient.js';
import { describeOnEachStore } from '../support/gatewayStores.js';
import { approve, enrolledOrg, order, submitPayment } from '../support/paymentGateway.js';
import { softwareKey } from '../support/softwareAuthenticator.js';

describeOnEachStore('an attacker forges an approval at the gateway', (stores) => {
  it('a signature by another key under an approver credential id is refused with SERVER_BAD_APPROVAL', async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const users = await enrolledOrg(store, gateway.url);
    const payment = order();
    const forged = approve(users.bob.hardwareKey, payment, { signWith: softwareKey().privateKey });
    const answer = await submitPayment(gateway.url, users.alice, { payment, approvals: [forged] });
    expect([answer.status, answer.code]).toEqual([422, 'SERVER_BAD_APPROVAL']);
    expect(await store.db.selectFrom('payments').select('payment_id').execute()).toEqual([]);
    // The refused assertion raised no counter.
    expect(await store.db.selectFrom('credentials').select('sign_count').where('user_id', '=', 'bob').executeTakeFirst()).toEqual({ sign_count: 0 });
  });

  it('an assertion without user verification, or for another rpId or origin, is refused with SERVER_BAD_APPROVAL', async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const users = await enrolledOrg(store, gateway.url);
    const payment = order();
    const key = users.bob.hardwareKey;
    const answers = [
      await submitPayment(gateway.url, users.alice, { payment, approvals: [approve(key, payment, { userVerified: false })] }),
      await submitPayment(gateway.url, users.alice, { payment, approvals: [approve(key, payment, { rp: { rpId: 'evil.example', origin: 'https://desktop.evil.example' } })] }),
      await submitPayment(gateway.url, users.alice, { payment, approvals: [approve(key, payment, { rp: { rpId: 'bank.example', origin: 'https://evil.example' } })] }),
    ];
    expect(answers.map((answer) => answer.code)).toEqual(['SERVER_BAD_APPROVAL', 'SERVER_BAD_APPROVAL', 'SERVER_BAD_APPROVAL']);
  });

  it("a key the bank never registered, and the demo's published key, are refused with SERVER_UNKNOWN_CREDENTIAL", async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const users = await enrolledOrg(store, gateway.url);
    const payment = order();
    const stranger = await submitPayment(gateway.url, users.alice, { payment, approvals: [approve(softwareKey(), payment)] });
    const demoBob = softwareKey({ privateKey: demoCredentialPrivateKey('bob'), id: demoCredentialId('bob') });
    const demo = await submitPayment(gateway.url, users.alice, { payment, approvals: [approve(demoBob, payment)] });
    expect([stranger.code, demo.code]).toEqual(['SERVER_UNKNOWN_CREDENTIAL', 'SERVER_UNKNOWN_CREDENTIAL']);
  });
});

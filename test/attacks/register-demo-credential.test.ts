import { expect, it } from 'vitest';
import { demoCredentialId, demoCredentialPrivateKey, enrolmentRegistrationChallenge } from '../../src/domain/index.js';
import { demoCredential } from '../../src/app/demo/demoCredentials.js';
import { createActivationCode } from '../../src/server/index.js';
import { startTestGateway } from '../support/gatewayClient.js';
import { describeOnEachStore } from '../support/gatewayStores.js';
import { enrolmentWithKeys, ORG, paymentOrg } from '../support/paymentGateway.js';
import { registerKey, softwareKey } from '../support/softwareAuthenticator.js';

describeOnEachStore("an attacker registers the demo's published key for a real user", (stores) => {
  it("the demo's key, by its id or by its public key under a fresh id, for its own user or another, is refused with SERVER_DEMO_CREDENTIAL", async () => {
    const store = await stores.fresh();
    await paymentOrg(store);
    const gateway = await startTestGateway(store);
    // The app's demo credential is the key the domain's derivation describes: the gateway recognises the app's.
    expect(demoCredential('bob').id).toBe(demoCredentialId('bob'));
    const attempts = [
      { user: 'bob', key: softwareKey({ privateKey: demoCredentialPrivateKey('bob'), id: demoCredentialId('bob') }) },
      { user: 'bob', key: softwareKey({ privateKey: demoCredentialPrivateKey('bob') }) },
      { user: 'carol', key: softwareKey({ privateKey: demoCredentialPrivateKey('carol') }) },
      // A demo user's key offered for another user of the organisation.
      { user: 'dave', key: softwareKey({ privateKey: demoCredentialPrivateKey('alice') }) },
    ];
    for (const { user, key } of attempts) {
      const { code } = await createActivationCode(store, 'sam', { orgId: ORG, userId: user });
      const { answer } = await enrolmentWithKeys(gateway.url, code, (device) => [registerKey(key, enrolmentRegistrationChallenge(device.publicKey))]);
      expect([answer.status, answer.code]).toEqual([422, 'SERVER_DEMO_CREDENTIAL']);
    }
    expect(await store.db.selectFrom('credentials').select('id').execute()).toEqual([]);
    expect(await store.db.selectFrom('devices').select('id').execute()).toEqual([]);
  });
});

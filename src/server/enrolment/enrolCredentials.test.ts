import { expect, it } from 'vitest';
import { EnrolmentResponse } from '../../contract/index.js';
import { verifyKeyAssertion } from '../../app/keys/verifyKeyAssertion.js';
import { relyingPartyFor } from '../../app/keys/relyingParty.js';
import { generateEd25519KeyPair } from '../../crypto/index.js';
import { enrolmentRegistrationChallenge } from '../../domain/index.js';
import { verifyOrgPolicy } from '../../policy/index.js';
import { startTestGateway } from '../../../test/support/gatewayClient.js';
import { describeOnEachStore } from '../../../test/support/gatewayStores.js';
import { digestOf, enrolmentWithKeys, enrolUser, order, ORG, paymentOrg } from '../../../test/support/paymentGateway.js';
import { assertWithKey, registerKey, softwareKey } from '../../../test/support/softwareAuthenticator.js';
import { createActivationCode } from './createActivationCode.js';
import { verifyGatewayAudit } from '../bank/verifyGatewayAudit.js';

describeOnEachStore("a device enrols with its user's hardware keys", (stores) => {
  it('the gateway stores each credential and re-issues the policy carrying them, which a vault verifies approvals with', async () => {
    const store = await stores.fresh();
    await paymentOrg(store);
    const gateway = await startTestGateway(store);
    const first = softwareKey();
    const keys: [typeof first, typeof first] = [first, softwareKey()];
    const bob = await enrolUser(store, gateway.url, 'bob', keys);
    const rows = await store.db.selectFrom('credentials').select(['id', 'user_id', 'sign_count', 'aaguid', 'device_id']).orderBy('created_at').execute();
    expect(rows.map((row) => row.id).sort()).toEqual(keys.map((key) => key.id).sort());
    expect(rows.every((row) => row.user_id === 'bob' && row.device_id === bob.deviceId && row.sign_count === 0 && row.aaguid === 'c0ffee00-c0ff-ee00-c0ff-ee00c0ffee00')).toBe(true);
    const bankKey = { alg: bob.enrolment.bankKey.alg, publicKey: Buffer.from(bob.enrolment.bankKey.publicKey, 'base64url') };
    const policy = await verifyOrgPolicy(bob.enrolment.policy, bankKey, new Date(), { orgId: ORG });
    const vouched = policy.users.find((user) => user.id === 'bob')?.credentials ?? [];
    expect(vouched.map((credential) => credential.id).sort()).toEqual(keys.map((key) => key.id).sort());
    // What another vault does with it (src/app/keys/verifyApprovals.ts): verify bob's approval with the vouched key.
    const payment = order();
    const credential = vouched.find((entry) => entry.id === first.id);
    if (!credential) throw new Error("expected bob's first key in the policy");
    const verified = await verifyKeyAssertion({
      assertion: assertWithKey(first, digestOf(payment)),
      expectedChallenge: digestOf(payment).toString('base64url'),
      rp: relyingPartyFor(),
      credential: { id: credential.id, publicKey: Buffer.from(credential.publicKey, 'base64url') },
    });
    expect(verified.credentialId).toBe(first.id);
    expect(await verifyGatewayAudit(store.db)).toBeGreaterThan(0);
  });

  it('a registration over another challenge, without user verification or from another origin is refused with SERVER_BAD_CREDENTIAL, and nothing is enrolled', async () => {
    const store = await stores.fresh();
    await paymentOrg(store);
    const gateway = await startTestGateway(store);
    const variants = [
      () => registerKey(softwareKey(), enrolmentRegistrationChallenge(generateEd25519KeyPair().publicKey)),
      (device: { publicKey: Buffer }) => registerKey(softwareKey(), enrolmentRegistrationChallenge(device.publicKey), { userVerified: false }),
      (device: { publicKey: Buffer }) => registerKey(softwareKey(), enrolmentRegistrationChallenge(device.publicKey), { rp: { rpId: 'bank.example', origin: 'https://evil.example' } }),
      (device: { publicKey: Buffer }) => registerKey(softwareKey(), enrolmentRegistrationChallenge(device.publicKey), { rp: { rpId: 'evil.example', origin: 'https://desktop.evil.example' } }),
    ];
    for (const variant of variants) {
      const { code } = await createActivationCode(store, 'sam', { orgId: ORG, userId: 'bob' });
      const { answer } = await enrolmentWithKeys(gateway.url, code, (device) => [variant(device)]);
      expect([answer.status, answer.code]).toEqual([422, 'SERVER_BAD_CREDENTIAL']);
    }
    expect(await store.db.selectFrom('devices').select('id').execute()).toEqual([]);
    expect(await store.db.selectFrom('credentials').select('id').execute()).toEqual([]);
  });

  it('a credential registered before is refused with SERVER_CREDENTIAL_IN_USE, and that device is not enrolled', async () => {
    const store = await stores.fresh();
    await paymentOrg(store);
    const gateway = await startTestGateway(store);
    const key = softwareKey();
    await enrolUser(store, gateway.url, 'bob', [key]);
    const { code } = await createActivationCode(store, 'sam', { orgId: ORG, userId: 'carol' });
    const { answer } = await enrolmentWithKeys(gateway.url, code, (device) => [registerKey(key, enrolmentRegistrationChallenge(device.publicKey))]);
    expect([answer.status, answer.code]).toEqual([409, 'SERVER_CREDENTIAL_IN_USE']);
    expect(await store.db.selectFrom('devices').select('user_id').execute()).toEqual([{ user_id: 'bob' }]);
  });

  it('an enrolment without credentials keeps the policy version it found', async () => {
    const store = await stores.fresh();
    await paymentOrg(store);
    const gateway = await startTestGateway(store);
    const before = await store.db.selectFrom('policies').select('version').execute();
    const { code } = await createActivationCode(store, 'sam', { orgId: ORG, userId: 'dave' });
    const { answer } = await enrolmentWithKeys(gateway.url, code, () => []);
    expect(answer.status).toBe(201);
    EnrolmentResponse.parse(answer.body);
    expect(await store.db.selectFrom('policies').select('version').execute()).toHaveLength(before.length);
  });
});

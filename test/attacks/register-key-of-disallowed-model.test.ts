/**
 * A user registers a hardware key of an authenticator model her organisation does not allow (its policy's
 * `hardwareKeys.allowedAaguids`, set by bank staff): at enrolment, after enrolment (POST /v1/credentials, which a
 * vault's sync sends), and through a gateway that registers it anyway and answers with a policy that forbids it.
 */
import { afterEach, expect, it } from 'vitest';
import { EnrolmentResponse, type DeviceCertificate } from '../../src/contract/index.js';
import { ed25519PublicKeyFromSeed, generateJwsKeyPair, randomBytes } from '../../src/crypto/index.js';
import { deviceRegistrationChallenge, enrolmentRegistrationChallenge } from '../../src/domain/index.js';
import { dispatch, openSession } from '../../src/app/index.js';
import { signOrgPolicy, type OrgPolicy } from '../../src/policy/index.js';
import { signDeviceCertificate } from '../../src/protocol/index.js';
import { bankKeyText, createActivationCode, setAllowedAaguids } from '../../src/server/index.js';
import type { UnlockedVault } from '../../src/vault/index.js';
import { auditEntries } from '../fixtures/demo/demoVault.js';
import { demoBankWithCode } from '../support/enrolledVault.js';
import { startTestGateway } from '../support/gatewayClient.js';
import { describeOnEachStore } from '../support/gatewayStores.js';
import { lossyProxy } from '../support/lossyProxy.js';
import { enrolmentWithKeys, ORG, paymentOrg } from '../support/paymentGateway.js';
import { registerCredential, signedPost } from '../support/relayGateway.js';
import { registerKey, softwareKey } from '../support/softwareAuthenticator.js';
import { makeTestVault } from '../support/testVault.js';

/** The model the organisation allows (a YubiKey 5 series' AAGUID); the software keys' own model (c0ffee00-…) is another. */
const ALLOWED = 'cb69481e-8ff7-4039-93ec-0a2729a154a8';

const open: UnlockedVault[] = [];
afterEach(() => {
  for (const vault of open.splice(0)) vault.lock();
});

const payloadOf = (jws: string): unknown => JSON.parse(Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString('utf8'));

describeOnEachStore('a user registers a hardware key of a model her organisation does not allow', (stores) => {
  it('at enrolment: refused with SERVER_KEY_NOT_ALLOWED before the code is spent, which then enrols with an allowed key', async () => {
    const store = await stores.fresh();
    await paymentOrg(store);
    const changed = await setAllowedAaguids(store, 'sam', { orgId: ORG, aaguids: [ALLOWED.toUpperCase()] });
    expect(changed.policy.policy.hardwareKeys).toEqual({ allowedAaguids: [ALLOWED] });
    const gateway = await startTestGateway(store);
    const { code } = await createActivationCode(store, 'sam', { orgId: ORG, userId: 'bob' });

    const refused = await enrolmentWithKeys(gateway.url, code, (device) => [registerKey(softwareKey(), enrolmentRegistrationChallenge(device.publicKey))]);
    expect([refused.answer.status, refused.answer.code]).toEqual([422, 'SERVER_KEY_NOT_ALLOWED']);
    expect(await store.db.selectFrom('devices').select('id').execute()).toEqual([]);
    expect(await store.db.selectFrom('credentials').select('id').execute()).toEqual([]);
    // An allowed key beside a refused one does not carry it through.
    const mixed = await enrolmentWithKeys(gateway.url, code, (device) => [
      registerKey(softwareKey(), enrolmentRegistrationChallenge(device.publicKey), { aaguid: ALLOWED }),
      registerKey(softwareKey(), enrolmentRegistrationChallenge(device.publicKey)),
    ]);
    expect([mixed.answer.status, mixed.answer.code]).toEqual([422, 'SERVER_KEY_NOT_ALLOWED']);

    // The code is still good: the same user enrols with a key of the allowed model.
    const enrolled = await enrolmentWithKeys(gateway.url, code, (device) => [registerKey(softwareKey(), enrolmentRegistrationChallenge(device.publicKey), { aaguid: ALLOWED })]);
    expect(enrolled.answer.status).toBe(201);
    expect(await store.db.selectFrom('credentials').select(['user_id', 'aaguid']).execute()).toEqual([{ user_id: 'bob', aaguid: ALLOWED }]);
  });

  it('after enrolment (POST /v1/credentials): refused with SERVER_KEY_NOT_ALLOWED, audited, not registered; an allowed model is', async () => {
    const store = await stores.fresh();
    await paymentOrg(store);
    const gateway = await startTestGateway(store);
    const { code } = await createActivationCode(store, 'sam', { orgId: ORG, userId: 'bob' });
    const { answer, deviceKey } = await enrolmentWithKeys(gateway.url, code, () => []);
    const device = { deviceId: EnrolmentResponse.parse(answer.body).deviceId, key: deviceKey };
    // Staff restrict the models after Bob enrolled: the rule holds for every key registered from then on.
    await setAllowedAaguids(store, 'sam', { orgId: ORG, aaguids: [ALLOWED] });

    const refused = await registerCredential(gateway.url, device, softwareKey());
    expect([refused.status, refused.code]).toEqual([422, 'SERVER_KEY_NOT_ALLOWED']);
    expect(await store.db.selectFrom('credentials').select('id').execute()).toEqual([]);
    const refusal = await store.db.selectFrom('gateway_audit').select(['action', 'details']).where('action', '=', 'credential.refuse').execute();
    expect(refusal.map((row) => (JSON.parse(row.details) as { code?: string }).code)).toEqual(['SERVER_KEY_NOT_ALLOWED']);

    const allowed = randomBytes(32);
    const registration = { credential: registerKey(softwareKey(), deviceRegistrationChallenge(deviceKey.publicKey, allowed), { aaguid: ALLOWED }), salt: allowed.toString('base64url') };
    expect((await signedPost(gateway.url, '/v1/credentials', device, registration)).status).toBe(201);
    expect(await store.db.selectFrom('credentials').select(['user_id', 'aaguid']).execute()).toEqual([{ user_id: 'bob', aaguid: ALLOWED }]);
  });

  it("through a gateway that registers it anyway: the vault refuses it with APP_KEY_NOT_ALLOWED against the answer's own policy, storing nothing", async () => {
    const store = await stores.fresh();
    const { code } = await demoBankWithCode(store, 'erin');
    const gateway = await startTestGateway(store);
    // The hostile gateway re-signs the honest answer with a key of its own (the vault learns the bank key from the
    // answer: trust on first use), under a policy that allows only another model than the key it just registered.
    const proxy = await lossyProxy(gateway.url);
    const hostile = generateJwsKeyPair('EdDSA');
    proxy.rewriteAnswers('POST', '/v1/enrolments', async (text) => {
      const honest = EnrolmentResponse.parse(JSON.parse(text));
      const policy = { ...(payloadOf(honest.policy) as OrgPolicy), hardwareKeys: { allowedAaguids: [ALLOWED] } };
      return JSON.stringify({
        ...honest,
        deviceCertificate: await signDeviceCertificate(payloadOf(honest.deviceCertificate) as DeviceCertificate, hostile.signingKey),
        policy: await signOrgPolicy(policy, hostile.signingKey),
        bankKey: bankKeyText(hostile.verificationKey),
      });
    });
    const { vault } = await makeTestVault();
    open.push(vault);
    const session = await openSession(vault);
    const response = registerKey(softwareKey(), enrolmentRegistrationChallenge(ed25519PublicKeyFromSeed(vault.audit.identity.signer.seed)));

    const result = await dispatch(session, 'bank.enrol', { server: proxy.url, code, keys: [{ response: response as never, name: 'Other model' }] });
    expect(result).toMatchObject({ ok: false, error: { code: 'APP_KEY_NOT_ALLOWED' } });
    expect(auditEntries(vault).at(-1)).toMatchObject({ action: 'bank.enrol', outcome: 'failed', reason: 'APP_KEY_NOT_ALLOWED' });
    expect(vault.db.prepare('SELECT (SELECT count(*) FROM webauthn_credentials) + (SELECT count(*) FROM bank_connection) + (SELECT count(*) FROM accounts)').pluck().get()).toBe(0);
  });
});

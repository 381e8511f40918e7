import { expect, it } from 'vitest';
import { generateEd25519KeyPair } from '../../crypto/index.js';
import { enrolmentRegistrationChallenge } from '../../domain/index.js';
import { ENROLMENT_KEY_ID, signGatewayRequest } from '../../protocol/index.js';
import { encodeJson, send, startTestGateway, tryEnrol } from '../../../test/support/gatewayClient.js';
import { describeOnEachStore } from '../../../test/support/gatewayStores.js';
import { enrolmentWithKeys, ORG, paymentOrg } from '../../../test/support/paymentGateway.js';
import { registerKey, softwareKey } from '../../../test/support/softwareAuthenticator.js';
import { addUser } from '../bank/addUser.js';
import { removeUser } from '../bank/removeUser.js';
import { setAllowedAaguids } from '../bank/setAllowedAaguids.js';
import { verifyGatewayAudit } from '../bank/verifyGatewayAudit.js';
import type { GatewayStore } from '../store/openStore.js';
import { activationCodeId, generateActivationCode, hashActivationCode } from './activationCode.js';
import { createActivationCode } from './createActivationCode.js';

const HOUR_MS = 60 * 60 * 1000;
/** A YubiKey 5 series' AAGUID; the software keys' own model (c0ffee00-…) is another. */
const ALLOWED = 'cb69481e-8ff7-4039-93ec-0a2729a154a8';

/** Everything an enrolment could change, but the audit log: which devices, keys and policies exist, which codes spent. */
async function enrolmentState(store: GatewayStore) {
  return {
    devices: await store.db.selectFrom('devices').select(['id', 'user_id', 'public_key', 'activation_code_hash', 'revoked_at']).orderBy('id').execute(),
    credentials: await store.db.selectFrom('credentials').select(['id', 'user_id', 'device_id']).orderBy('id').execute(),
    policies: await store.db.selectFrom('policies').select(['org_id', 'version']).orderBy('version').execute(),
    codes: await store.db.selectFrom('activation_codes').selectAll().orderBy('code_hash').execute(),
  };
}

const auditAfter = (store: GatewayStore, seq: number) => store.db.selectFrom('gateway_audit').selectAll().where('seq', '>', seq).orderBy('seq').execute();
const lastSeq = async (store: GatewayStore) => (await store.db.selectFrom('gateway_audit').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow()).seq;

/**
 * Runs `attempt` with `code` and expects it refused with `expected`: exactly one new audit entry, naming the
 * organisation, the code's user and id, the refusal's code, never the activation code; nothing else changed;
 * the chain still verifies.
 */
async function refusedOnce(store: GatewayStore, code: string, userId: string, expected: string, attempt: () => Promise<{ code: string | undefined }>): Promise<void> {
  const before = await enrolmentState(store);
  const seq = await lastSeq(store);
  expect((await attempt()).code).toBe(expected);
  expect(await enrolmentState(store)).toEqual(before);
  const added = await auditAfter(store, seq);
  const codeId = activationCodeId(hashActivationCode(code));
  expect(added).toHaveLength(1);
  expect(added[0]).toMatchObject({ action: 'device.enrol-refuse', org_id: ORG, actor: `activation-code:${codeId}` });
  expect(JSON.parse(added[0]?.details ?? '{}')).toMatchObject({ codeId, userId, code: expected, reason: expect.any(String) as unknown });
  expect(JSON.stringify(added)).not.toContain(code);
  expect(await verifyGatewayAudit(store.db)).toBe(seq + 2);
}

describeOnEachStore('a refused enrolment is evidence in the gateway\'s audit log when its code is one the bank issued', (stores) => {
  it('expired, used, of a removed user, with a device key in use, a credential twice or a bad signature: one device.enrol-refuse entry each, nothing else changed', async () => {
    const store = await stores.fresh();
    await paymentOrg(store);
    await addUser(store, 'sam', { orgId: ORG, userId: 'erin', name: 'Erin Viewer', roles: ['viewer'] });
    const gateway = await startTestGateway(store);

    const expired = (await createActivationCode(store, 'sam', { orgId: ORG, userId: 'alice' }, Date.now() - 73 * HOUR_MS)).code;
    await refusedOnce(store, expired, 'alice', 'SERVER_ACTIVATION_CODE_EXPIRED', () => tryEnrol(gateway.url, expired));

    const used = (await createActivationCode(store, 'sam', { orgId: ORG, userId: 'alice' })).code;
    const enrolled = await tryEnrol(gateway.url, used);
    expect(enrolled.status).toBe(201);
    await refusedOnce(store, used, 'alice', 'SERVER_ACTIVATION_CODE_USED', () => tryEnrol(gateway.url, used));

    const removed = (await createActivationCode(store, 'sam', { orgId: ORG, userId: 'erin' })).code;
    await removeUser(store, 'sam', { orgId: ORG, userId: 'erin' });
    await refusedOnce(store, removed, 'erin', 'SERVER_BAD_ACTIVATION_CODE', () => tryEnrol(gateway.url, removed));

    // Alice's enrolled device key again, with a code of Bob's: the code stays unspent and then enrols a fresh key.
    const bobs = (await createActivationCode(store, 'sam', { orgId: ORG, userId: 'bob' })).code;
    await refusedOnce(store, bobs, 'bob', 'SERVER_DEVICE_KEY_IN_USE', () => tryEnrol(gateway.url, bobs, enrolled.key));

    const key = softwareKey();
    await refusedOnce(store, bobs, 'bob', 'SERVER_BAD_CREDENTIAL', async () => {
      const { answer } = await enrolmentWithKeys(gateway.url, bobs, (device) => [0, 1].map(() => registerKey(key, enrolmentRegistrationChallenge(device.publicKey))));
      return answer;
    });

    // Signed by another key than the one it would enrol.
    await refusedOnce(store, bobs, 'bob', 'SERVER_BAD_SIGNATURE', async () => {
      const body = encodeJson({ activationCode: bobs, devicePublicKey: generateEd25519KeyPair().publicKey.toString('base64url'), vaultId: 'vault-of-bob' });
      const url = `${gateway.url}/v1/enrolments`;
      const headers = await signGatewayRequest({ method: 'POST', url, body, keyId: ENROLMENT_KEY_ID, seed: generateEd25519KeyPair().seed });
      return send(url, 'POST', { ...headers, 'content-type': 'application/json' }, body);
    });

    expect((await tryEnrol(gateway.url, bobs)).status).toBe(201);
    const refusals = await store.db.selectFrom('gateway_audit').select('action').where('action', '=', 'device.enrol-refuse').execute();
    expect(refusals).toHaveLength(6);
  });

  it('a key of a model the organisation does not allow: one entry, and the code stays unspent for an allowed key', async () => {
    const store = await stores.fresh();
    await paymentOrg(store);
    await setAllowedAaguids(store, 'sam', { orgId: ORG, aaguids: [ALLOWED] });
    const gateway = await startTestGateway(store);
    const { code } = await createActivationCode(store, 'sam', { orgId: ORG, userId: 'bob' });
    await refusedOnce(store, code, 'bob', 'SERVER_KEY_NOT_ALLOWED', async () => {
      const { answer } = await enrolmentWithKeys(gateway.url, code, (device) => [registerKey(softwareKey(), enrolmentRegistrationChallenge(device.publicKey))]);
      return answer;
    });
    const allowed = await enrolmentWithKeys(gateway.url, code, (device) => [registerKey(softwareKey(), enrolmentRegistrationChallenge(device.publicKey), { aaguid: ALLOWED })]);
    expect(allowed.answer.status).toBe(201);
  });

  it('a code the bank never issued names no organisation: refused and logged, but nothing enters the audit log', async () => {
    const store = await stores.fresh();
    await paymentOrg(store);
    const gateway = await startTestGateway(store);
    const before = await enrolmentState(store);
    const seq = await lastSeq(store);
    const guessed = generateActivationCode();
    expect((await tryEnrol(gateway.url, guessed)).code).toBe('SERVER_BAD_ACTIVATION_CODE');
    expect(await auditAfter(store, seq)).toEqual([]);
    expect(await enrolmentState(store)).toEqual(before);
    const logged = gateway.logLines.map((line) => JSON.parse(line) as { code?: string; msg?: string });
    expect(logged).toContainEqual(expect.objectContaining({ code: 'SERVER_BAD_ACTIVATION_CODE', msg: 'refused' }));
    expect(gateway.logLines.join('\n')).not.toContain(guessed);
  });
});

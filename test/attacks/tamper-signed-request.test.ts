import { expect, it } from 'vitest';
import { describeOnEachStore } from '../support/gatewayStores.js';
import { enrol, enrolmentRequest, encodeJson, orgWithCode, send, signedGet, startTestGateway } from '../support/gatewayClient.js';
import { generateEd25519KeyPair } from '../../src/crypto/index.js';
import { contentDigest, signGatewayRequest } from '../../src/protocol/index.js';

describeOnEachStore('an attacker changes, strips or forges request signatures', (stores) => {
  async function enrolled() {
    const store = await stores.fresh();
    const { code } = await orgWithCode(store);
    const gateway = await startTestGateway(store);
    return { store, gateway, device: await enrol(gateway.url, code) };
  }

  it('a request without a signature is refused with SERVER_UNSIGNED', async () => {
    const { gateway } = await enrolled();
    const answer = await send(`${gateway.url}/v1/policy`, 'GET', {});
    expect([answer.status, answer.code]).toEqual([401, 'SERVER_UNSIGNED']);
  });

  it('a signature that leaves the path out is refused with SERVER_UNSIGNED', async () => {
    const { gateway, device } = await enrolled();
    const headers = await signGatewayRequest({ method: 'GET', url: `${gateway.url}/v1/policy`, keyId: device.deviceId, seed: device.key.seed });
    headers['signature-input'] = (headers['signature-input'] ?? '').replace('"@path" ', '');
    const answer = await send(`${gateway.url}/v1/policy`, 'GET', headers);
    expect([answer.status, answer.code]).toEqual([401, 'SERVER_UNSIGNED']);
  });

  it('a signed request sent to another path is refused with SERVER_BAD_SIGNATURE', async () => {
    const { gateway, device } = await enrolled();
    const headers = await signGatewayRequest({ method: 'GET', url: `${gateway.url}/v1/device`, keyId: device.deviceId, seed: device.key.seed });
    const answer = await send(`${gateway.url}/v1/policy`, 'GET', headers);
    expect([answer.status, answer.code]).toEqual([401, 'SERVER_BAD_SIGNATURE']);
  });

  it('a query added to a signed request is refused with SERVER_BAD_SIGNATURE', async () => {
    const { gateway, device } = await enrolled();
    const headers = await signGatewayRequest({ method: 'GET', url: `${gateway.url}/v1/device`, keyId: device.deviceId, seed: device.key.seed });
    const answer = await send(`${gateway.url}/v1/device?as=bob`, 'GET', headers);
    expect([answer.status, answer.code]).toEqual([401, 'SERVER_BAD_SIGNATURE']);
  });

  it('another key signing under the device id is refused with SERVER_BAD_SIGNATURE', async () => {
    const { gateway, device } = await enrolled();
    const answer = await signedGet(gateway.url, '/v1/policy', { deviceId: device.deviceId, key: generateEd25519KeyPair() });
    expect([answer.status, answer.code]).toEqual([401, 'SERVER_BAD_SIGNATURE']);
  });

  it('a device id nobody enrolled is refused with SERVER_UNKNOWN_DEVICE', async () => {
    const { gateway } = await enrolled();
    const answer = await signedGet(gateway.url, '/v1/policy', { deviceId: 'not-a-device', key: generateEd25519KeyPair() });
    expect([answer.status, answer.code]).toEqual([401, 'SERVER_UNKNOWN_DEVICE']);
  });

  it('a body changed after signing is refused with SERVER_BAD_DIGEST; with its digest recomputed, SERVER_BAD_SIGNATURE', async () => {
    const store = await stores.fresh();
    const { code } = await orgWithCode(store);
    const gateway = await startTestGateway(store);
    const request = await enrolmentRequest(gateway.url, code, generateEd25519KeyPair(), 'vault-1');
    const changed = encodeJson({ ...(JSON.parse(new TextDecoder().decode(request.body)) as object), vaultId: 'vault-of-mallory' });
    const digestStale = await send(request.url, 'POST', request.headers, changed);
    expect([digestStale.status, digestStale.code]).toEqual([401, 'SERVER_BAD_DIGEST']);
    const digestFixed = await send(request.url, 'POST', { ...request.headers, 'content-digest': contentDigest(changed) }, changed);
    expect([digestFixed.status, digestFixed.code]).toEqual([401, 'SERVER_BAD_SIGNATURE']);
    expect(await store.db.selectFrom('devices').select('id').execute()).toHaveLength(0);
  });

  it('enrolling a public key the sender does not hold is refused with SERVER_BAD_SIGNATURE', async () => {
    const store = await stores.fresh();
    const { code } = await orgWithCode(store);
    const gateway = await startTestGateway(store);
    const victim = generateEd25519KeyPair();
    const attacker = generateEd25519KeyPair();
    const request = await enrolmentRequest(gateway.url, code, attacker, 'vault-1');
    const body = encodeJson({ activationCode: code, devicePublicKey: victim.publicKey.toString('base64url'), vaultId: 'vault-1' });
    const answer = await send(request.url, 'POST', { ...request.headers, 'content-digest': contentDigest(body) }, body);
    expect([answer.status, answer.code]).toEqual([401, 'SERVER_BAD_SIGNATURE']);
  });
});

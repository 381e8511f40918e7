import { expect, it } from 'vitest';
import { describeOnEachStore } from '../support/gatewayStores.js';
import { enrol, orgWithCode, signedGet, startTestGateway } from '../support/gatewayClient.js';
import { removeUser, revokeDevice } from '../../src/server/index.js';

describeOnEachStore('a stolen or revoked device keeps signing requests', (stores) => {
  // Each device signs a request before its revocation: the gateway remembers an active device's row
  // (enrolledDevice.ts), and must still refuse it at once, by the revocation its nonce's commit reads.
  it('after the bank revokes the device, its signed requests are refused with SERVER_DEVICE_REVOKED', async () => {
    const store = await stores.fresh();
    const { code } = await orgWithCode(store);
    const gateway = await startTestGateway(store);
    const device = await enrol(gateway.url, code);
    expect((await signedGet(gateway.url, '/v1/policy', device)).status).toBe(200);
    await revokeDevice(store, 'sam', { deviceId: device.deviceId });
    const answer = await signedGet(gateway.url, '/v1/policy', device);
    expect([answer.status, answer.code]).toEqual([403, 'SERVER_DEVICE_REVOKED']);
  });

  it('a device revoked through another gateway process is refused by this one at once', async () => {
    const store = await stores.fresh();
    const { code } = await orgWithCode(store);
    const gateway = await startTestGateway(store);
    const device = await enrol(gateway.url, code);
    expect((await signedGet(gateway.url, '/v1/policy', device)).status).toBe(200);
    await revokeDevice(await stores.secondProcess(store), 'sam', { deviceId: device.deviceId });
    const answer = await signedGet(gateway.url, '/v1/policy', device);
    expect([answer.status, answer.code]).toEqual([403, 'SERVER_DEVICE_REVOKED']);
    // Refused before the nonce was kept: the request changed nothing.
    expect(await store.db.selectFrom('request_nonces').select('nonce').execute()).toHaveLength(1);
  });

  it('removing the user revokes every device enrolled for them', async () => {
    const store = await stores.fresh();
    const { code } = await orgWithCode(store);
    const gateway = await startTestGateway(store);
    const device = await enrol(gateway.url, code);
    // Used once first, so the gateway process has seen the device active before the removal.
    expect((await signedGet(gateway.url, '/v1/device', device)).status).toBe(200);
    await removeUser(store, 'sam', { orgId: 'nordlicht', userId: 'alice' });
    const answer = await signedGet(gateway.url, '/v1/device', device);
    expect([answer.status, answer.code]).toEqual([403, 'SERVER_DEVICE_REVOKED']);
  });
});

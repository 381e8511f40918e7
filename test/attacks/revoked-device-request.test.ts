import { expect, it } from 'vitest';
import { describeOnEachStore } from '../support/gatewayStores.js';
import { enrol, orgWithCode, signedGet, startTestGateway } from '../support/gatewayClient.js';
import { removeUser, revokeDevice } from '../../src/server/index.js';

describeOnEachStore('a stolen or revoked device keeps signing requests', (stores) => {
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

  it('removing the user revokes every device enrolled for them', async () => {
    const store = await stores.fresh();
    const { code } = await orgWithCode(store);
    const gateway = await startTestGateway(store);
    const device = await enrol(gateway.url, code);
    await removeUser(store, 'sam', { orgId: 'nordlicht', userId: 'alice' });
    const answer = await signedGet(gateway.url, '/v1/device', device);
    expect([answer.status, answer.code]).toEqual([403, 'SERVER_DEVICE_REVOKED']);
  });
});

import { expect, it } from 'vitest';
import { describeOnEachStore } from '../support/gatewayStores.js';
import { EnrolmentResponse } from '../../src/contract/index.js';
import { revokeDevice } from '../../src/server/enrolment/revokeDevice.js';
import { enrol, orgWithCode, startTestGateway, tryEnrol } from '../support/gatewayClient.js';

describeOnEachStore('an attacker reuses an activation code', (stores) => {
  it('a second device presenting a used code is refused with SERVER_ACTIVATION_CODE_USED', async () => {
    const store = await stores.fresh();
    const { code } = await orgWithCode(store);
    const gateway = await startTestGateway(store);
    await enrol(gateway.url, code);
    const second = await tryEnrol(gateway.url, code);
    expect([second.status, second.code]).toEqual([409, 'SERVER_ACTIVATION_CODE_USED']);
    expect(await store.db.selectFrom('devices').select('id').execute()).toHaveLength(1);
  });

  it('the device that used the code gets its own enrolment back when it presents it again (its vault lost the answer); no other device does', async () => {
    const store = await stores.fresh();
    const { code } = await orgWithCode(store);
    const gateway = await startTestGateway(store);
    const first = await enrol(gateway.url, code, 'vault-of-alice');
    const again = await tryEnrol(gateway.url, code, first.key, 'vault-of-alice');
    expect(again.status).toBe(201);
    const retried = EnrolmentResponse.parse(again.body);
    expect(retried).toMatchObject({ deviceId: first.deviceId, deviceCertificate: first.enrolment.deviceCertificate, userId: 'alice' });
    // The same key claiming another vault, and another key claiming the same vault, are someone else.
    const otherVault = await tryEnrol(gateway.url, code, first.key, 'vault-of-mallory');
    const otherKey = await tryEnrol(gateway.url, code, undefined, 'vault-of-alice');
    expect([otherVault.code, otherKey.code]).toEqual(['SERVER_ACTIVATION_CODE_USED', 'SERVER_ACTIVATION_CODE_USED']);
    expect(await store.db.selectFrom('devices').select('id').execute()).toEqual([{ id: first.deviceId }]);
    const audited = await store.db.selectFrom('gateway_audit').select('action').where('action', '=', 'device.enrol').execute();
    expect(audited).toHaveLength(2);
  });

  it('a device revoked since it enrolled cannot enrol again with its code', async () => {
    const store = await stores.fresh();
    const { code } = await orgWithCode(store);
    const gateway = await startTestGateway(store);
    const first = await enrol(gateway.url, code, 'vault-of-alice');
    await revokeDevice(store, 'sam', { deviceId: first.deviceId });
    const again = await tryEnrol(gateway.url, code, first.key, 'vault-of-alice');
    expect([again.status, again.code]).toEqual([409, 'SERVER_ACTIVATION_CODE_USED']);
  });

  it('of 20 devices racing with one code through two gateway processes, exactly one is enrolled', async () => {
    const store = await stores.fresh();
    const { code } = await orgWithCode(store);
    // Two gateways over the same data, as two processes behind a load balancer.
    const first = await startTestGateway(store);
    const second = await startTestGateway(await stores.secondProcess(store));
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => tryEnrol((i % 2 === 0 ? first : second).url, code)));
    const outcomes = answers.map((answer) => answer.code ?? String(answer.status));
    expect(outcomes.filter((outcome) => outcome === '201')).toHaveLength(1);
    expect(new Set(outcomes.filter((outcome) => outcome !== '201'))).toEqual(new Set(['SERVER_ACTIVATION_CODE_USED']));
    expect(await store.db.selectFrom('devices').select('id').execute()).toHaveLength(1);
  });
});

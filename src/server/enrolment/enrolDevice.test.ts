import { expect, it } from 'vitest';
import { describeOnEachStore } from '../../../test/support/gatewayStores.js';
import { enrol, orgWithCode, signedGet, startTestGateway } from '../../../test/support/gatewayClient.js';
import { DeviceResponse, PolicyResponse } from '../../contract/index.js';
import { verifyOrgPolicy } from '../../policy/index.js';
import { verifyGatewayAudit } from '../bank/verifyGatewayAudit.js';
import { verifyDeviceCertificate } from '../../protocol/index.js';

describeOnEachStore('a device enrols with an activation code', (stores) => {
  it('gets a bank-signed certificate binding its key, vault and user, and the signed policy', async () => {
    const store = await stores.fresh();
    const { code } = await orgWithCode(store);
    const gateway = await startTestGateway(store);
    const device = await enrol(gateway.url, code, 'vault-of-alice');
    const bankKey = { alg: device.enrolment.bankKey.alg, publicKey: Buffer.from(device.enrolment.bankKey.publicKey, 'base64url') };
    const certificate = await verifyDeviceCertificate(device.enrolment.deviceCertificate, bankKey);
    expect(certificate).toMatchObject({
      deviceId: device.deviceId,
      orgId: 'nordlicht',
      userId: 'alice',
      vaultId: 'vault-of-alice',
      devicePublicKey: device.key.publicKey.toString('base64url'),
    });
    const policy = await verifyOrgPolicy(device.enrolment.policy, bankKey, new Date(), { orgId: 'nordlicht' });
    expect(policy.users.map((user) => user.id)).toEqual(['alice']);
    expect(await verifyGatewayAudit(store.db)).toBe(4);
  });

  it('then signs requests the gateway answers', async () => {
    const store = await stores.fresh();
    const { code } = await orgWithCode(store);
    const gateway = await startTestGateway(store);
    const device = await enrol(gateway.url, code, 'vault-of-alice');
    const me = await signedGet(gateway.url, '/v1/device', device);
    expect(me.status).toBe(200);
    expect(DeviceResponse.parse(me.body)).toEqual({ deviceId: device.deviceId, orgId: 'nordlicht', userId: 'alice', vaultId: 'vault-of-alice' });
    const policy = await signedGet(gateway.url, '/v1/policy', device);
    expect(PolicyResponse.parse(policy.body).policy).toBe(device.enrolment.policy);
  });

  it('a certificate is not a policy: its typ keeps it from passing for one', async () => {
    const store = await stores.fresh();
    const { code } = await orgWithCode(store);
    const gateway = await startTestGateway(store);
    const device = await enrol(gateway.url, code);
    const bankKey = { alg: device.enrolment.bankKey.alg, publicKey: Buffer.from(device.enrolment.bankKey.publicKey, 'base64url') };
    await expect(verifyOrgPolicy(device.enrolment.deviceCertificate, bankKey, new Date())).toThrowCode('POLICY_BAD_SIGNATURE');
    await expect(verifyDeviceCertificate(device.enrolment.policy, bankKey)).toThrowCode('SERVER_BAD_SIGNATURE');
  });
});

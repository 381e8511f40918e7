import { expect, it } from 'vitest';
import { describeOnEachStore } from '../support/gatewayStores.js';
import { enrol, orgWithCode, signedGet, startTestGateway } from '../support/gatewayClient.js';
import { MAX_CLOCK_SKEW_MS } from '../../src/protocol/index.js';

describeOnEachStore('an attacker sends requests signed for another time', (stores) => {
  it('a signature created beyond the allowed skew, either way, is refused with SERVER_CLOCK_SKEW', async () => {
    const store = await stores.fresh();
    const { code } = await orgWithCode(store);
    const gateway = await startTestGateway(store);
    const device = await enrol(gateway.url, code);
    // A request pre-signed on a device whose clock was set ahead, to be used after the device is gone…
    const ahead = await signedGet(gateway.url, '/v1/device', device, { now: Date.now() + MAX_CLOCK_SKEW_MS + 60_000 });
    // …and one captured long ago, whose nonce may have been pruned since.
    const behind = await signedGet(gateway.url, '/v1/device', device, { now: Date.now() - MAX_CLOCK_SKEW_MS - 60_000 });
    expect([ahead.status, ahead.code, behind.status, behind.code]).toEqual([401, 'SERVER_CLOCK_SKEW', 401, 'SERVER_CLOCK_SKEW']);
    const within = await signedGet(gateway.url, '/v1/device', device, { now: Date.now() - MAX_CLOCK_SKEW_MS + 60_000 });
    expect(within.status).toBe(200);
  });
});

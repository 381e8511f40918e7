import { expect, it } from 'vitest';
import { describeOnEachStore } from '../support/gatewayStores.js';
import { enrol, orgWithCode, send, startTestGateway } from '../support/gatewayClient.js';
import { signGatewayRequest } from '../../src/protocol/index.js';

describeOnEachStore('an attacker replays a signed request', (stores) => {
  it('the same request sent again is refused with SERVER_REPLAY, also by another gateway process', async () => {
    const store = await stores.fresh();
    const { code } = await orgWithCode(store);
    const first = await startTestGateway(store);
    const second = await startTestGateway(await stores.secondProcess(store));
    const device = await enrol(first.url, code);
    const headers = await signGatewayRequest({ method: 'GET', url: `${first.url}/v1/policy`, keyId: device.deviceId, seed: device.key.seed });
    expect((await send(`${first.url}/v1/policy`, 'GET', headers)).status).toBe(200);
    // Only the origin differs, and the origin is not signed: the captured request works anywhere but once.
    const replays = [await send(`${first.url}/v1/policy`, 'GET', headers), await send(`${second.url}/v1/policy`, 'GET', headers)];
    expect(replays.map((answer) => [answer.status, answer.code])).toEqual([
      [401, 'SERVER_REPLAY'],
      [401, 'SERVER_REPLAY'],
    ]);
  });

  it('a replay racing the original through two processes: exactly one is answered', async () => {
    const store = await stores.fresh();
    const { code } = await orgWithCode(store);
    const first = await startTestGateway(store);
    const second = await startTestGateway(await stores.secondProcess(store));
    const device = await enrol(first.url, code);
    const headers = await signGatewayRequest({ method: 'GET', url: `${first.url}/v1/device`, keyId: device.deviceId, seed: device.key.seed });
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => send(`${(i % 2 === 0 ? first : second).url}/v1/device`, 'GET', headers)));
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    expect(answers.filter((answer) => answer.code === 'SERVER_REPLAY')).toHaveLength(9);
  });
});

import { expect, it } from 'vitest';
import { describeOnEachStore } from '../support/gatewayStores.js';
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

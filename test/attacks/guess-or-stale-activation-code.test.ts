import { expect, it } from 'vitest';
import { describeOnEachStore } from '../support/gatewayStores.js';
import { orgWithCode, startTestGateway, tryEnrol } from '../support/gatewayClient.js';
import { generateActivationCode, removeUser } from '../../src/server/index.js';

const HOUR = 60 * 60 * 1000;

describeOnEachStore('an attacker enrols with a guessed, expired or orphaned activation code', (stores) => {
  it('a code the bank never issued is refused with SERVER_BAD_ACTIVATION_CODE', async () => {
    const store = await stores.fresh();
    await orgWithCode(store);
    const gateway = await startTestGateway(store);
    const answer = await tryEnrol(gateway.url, generateActivationCode());
    expect([answer.status, answer.code]).toEqual([403, 'SERVER_BAD_ACTIVATION_CODE']);
  });

  it('a code past its expiry is refused with SERVER_ACTIVATION_CODE_EXPIRED', async () => {
    const store = await stores.fresh();
    const issuedAt = Date.now() - 73 * HOUR;
    const { code } = await orgWithCode(store, issuedAt);
    const gateway = await startTestGateway(store);
    const answer = await tryEnrol(gateway.url, code);
    expect([answer.status, answer.code]).toEqual([403, 'SERVER_ACTIVATION_CODE_EXPIRED']);
    expect(await store.db.selectFrom('devices').select('id').execute()).toHaveLength(0);
  });

  it('the code of a user the bank removed since is refused like an unknown one', async () => {
    const store = await stores.fresh();
    const { code } = await orgWithCode(store);
    await removeUser(store, 'sam', { orgId: 'nordlicht', userId: 'alice' });
    const gateway = await startTestGateway(store);
    const answer = await tryEnrol(gateway.url, code);
    expect([answer.status, answer.code]).toEqual([403, 'SERVER_BAD_ACTIVATION_CODE']);
  });

  it('a malformed code is refused with SERVER_BAD_REQUEST before any lookup', async () => {
    const store = await stores.fresh();
    await orgWithCode(store);
    const gateway = await startTestGateway(store);
    const answer = await tryEnrol(gateway.url, "' OR 1=1 --");
    expect([answer.status, answer.code]).toEqual([400, 'SERVER_BAD_REQUEST']);
  });
});

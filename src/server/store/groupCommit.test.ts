import { expect, it } from 'vitest';
import { describeOnEachStore } from '../../../test/support/gatewayStores.js';
import { createOrganisation } from '../bank/createOrganisation.js';
import { addUser } from '../bank/addUser.js';
import { hashActivationCode } from '../enrolment/activationCode.js';
import { createActivationCode } from '../enrolment/createActivationCode.js';
import { countRequest, recordNonce } from './groupCommit.js';
import type { GatewayStore } from './openStore.js';

async function withDevice(store: GatewayStore): Promise<string> {
  await createOrganisation(store, 'test', { orgId: 'acme', name: 'Acme GmbH' });
  await addUser(store, 'test', { orgId: 'acme', userId: 'mia', name: 'Mia', roles: ['maker'] });
  const { code } = await createActivationCode(store, 'test', { orgId: 'acme', userId: 'mia' });
  await store.db.insertInto('devices').values({ id: 'dev-1', org_id: 'acme', user_id: 'mia', vault_id: 'vault-1', public_key: 'AAAA', activation_code_hash: hashActivationCode(code), certificate: 'c', enrolled_at: 0, revoked_at: null }).execute();
  return 'dev-1';
}

// Requests of one moment share a commit (groupCommit.ts); these hold it to doing what one commit each did.
describeOnEachStore('group commit of nonces and rate-limit counters', (stores) => {
  it('a nonce sent many times at once, in one group and across two processes, is fresh exactly once', async () => {
    const store = await stores.fresh();
    const second = await stores.secondProcess(store);
    const device = await withDevice(store);
    const row = { device_id: device, nonce: 'n-replayed', created_at: 1 };
    const others = Array.from({ length: 6 }, (_, i) => recordNonce(store, { device_id: device, nonce: `n-${i}`, created_at: 1 }));
    const answers = await Promise.all([...Array.from({ length: 5 }, () => recordNonce(store, row)), ...Array.from({ length: 5 }, () => recordNonce(second, row))]);
    expect(answers.filter((answer) => answer === 'fresh')).toHaveLength(1);
    expect(answers.filter((answer) => answer === 'replay')).toHaveLength(9);
    expect(await Promise.all(others)).toEqual(Array(6).fill('fresh'));
    // Committed before anyone was answered, and kept: a later attempt is a replay too.
    expect(await recordNonce(store, row)).toBe('replay');
    expect(await store.db.selectFrom('request_nonces').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual({ n: 7 });
  });

  it('counts every request of a group, each told the count it would have seen alone, and starts a new window when one ended', async () => {
    const store = await stores.fresh();
    const counted = await Promise.all(Array.from({ length: 12 }, () => countRequest(store, 'global:127.0.0.1', 1_000, 60_000)));
    expect(counted.map((count) => count.current).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(new Set(counted.map((count) => count.resetAt))).toEqual(new Set([61_000]));
    expect(await countRequest(store, 'global:127.0.0.1', 2_000, 60_000)).toEqual({ current: 13, resetAt: 61_000 });
    const afterWindow = await Promise.all([countRequest(store, 'global:127.0.0.1', 61_000, 60_000), countRequest(store, 'global:127.0.0.1', 61_000, 60_000)]);
    expect(afterWindow.map((count) => count.current).sort()).toEqual([1, 2]);
    expect(afterWindow[0]?.resetAt).toBe(121_000);
  });

  it('a group that cannot commit answers none of its requests as kept, and keeps nothing', async () => {
    const store = await stores.fresh();
    const device = await withDevice(store);
    // A nonce without a value: the column's NOT NULL refuses the group's insert, so the whole group rolls back.
    const broken = { device_id: device, nonce: null as unknown as string, created_at: 1 };
    const answers = await Promise.allSettled([recordNonce(store, { device_id: device, nonce: 'n-1', created_at: 1 }), recordNonce(store, broken), countRequest(store, 'global:x', 1_000, 60_000)]);
    expect(answers.map((answer) => answer.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await store.db.selectFrom('rate_limits').selectAll().execute()).toEqual([]);
    expect(await store.db.selectFrom('request_nonces').selectAll().execute()).toEqual([]);
  });

  it('keeps no nonce of a device revoked when its group commits, and says so apart from a replay, in one group and across two handles', async () => {
    const store = await stores.fresh();
    const second = await stores.secondProcess(store);
    const device = await withDevice(store);
    expect(await recordNonce(store, { device_id: device, nonce: 'n-before', created_at: 1 })).toBe('fresh');
    // Revoked through the other handle, as bank staff's command or another gateway process would.
    await second.db.updateTable('devices').set({ revoked_at: 2 }).where('id', '=', device).execute();
    const answers = await Promise.all([recordNonce(store, { device_id: device, nonce: 'n-after', created_at: 3 }), recordNonce(store, { device_id: device, nonce: 'n-before', created_at: 1 }), recordNonce(store, { device_id: 'no-such-device', nonce: 'n-1', created_at: 3 })]);
    expect(answers).toEqual(['inactive', 'inactive', 'inactive']);
    expect(await store.db.selectFrom('request_nonces').select('nonce').execute()).toEqual([{ nonce: 'n-before' }]);
  });
});

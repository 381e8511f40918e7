import { expect, it } from 'vitest';
import { anotherCode, demoBankWithCode, enrolFreshVault } from '../../../test/support/enrolledVault.js';
import { describeOnEachStore } from '../../../test/support/gatewayStores.js';
import { startTestGateway } from '../../../test/support/gatewayClient.js';
import { approve, approverWithKey, entriesOf, lockAfterTest, statusOf, submittedPayment, sync } from '../../../test/support/vaultsBetween.js';

describeOnEachStore('coffer sync: a payment that needs two approvers, each in a vault of their own', (stores) => {
  it('A then B, three vaults: the first approval leaves it pending at the bank, the second accepts it once, and all three vaults hold it accepted', async () => {
    const store = await stores.fresh();
    await demoBankWithCode(store, 'erin');
    const gateway = await startTestGateway(store);
    const maker = lockAfterTest((await enrolFreshVault(gateway.url, await anotherCode(store, 'alice'))).vault);
    const bob = await approverWithKey(gateway.url, store, 'bob');
    const carol = await approverWithKey(gateway.url, store, 'carol');

    // Above the demo's 10,000.00 EUR, the rule asks an A signature (bob) and a B signature (carol).
    const id = await submittedPayment(maker, '25000.00');
    expect((await sync(maker)).shared.shared).toEqual([id]);

    expect((await sync(bob.vault)).received.received).toMatchObject([{ id, change: 'added' }]);
    expect(await approve(bob.vault, bob.key, id)).toMatchObject({ ok: true, value: { status: 'pending_approval', signatureClass: 'A', missing: ['B'] } });
    const bobSent = await sync(bob.vault);
    expect(bobSent.approvals).toEqual({ sent: [{ id, status: 'pending' }], refused: [], pending: 0 });
    expect(bobSent.statuses.recorded).toEqual([]);
    expect(await store.db.selectFrom('payments').select('payment_id').where('payment_id', '=', id).execute()).toEqual([]);

    expect((await sync(carol.vault)).received.received).toMatchObject([{ id, change: 'added' }]);
    expect(await approve(carol.vault, carol.key, id)).toMatchObject({ ok: true, value: { status: 'pending_approval', signatureClass: 'B' } });
    const carolSent = await sync(carol.vault);
    expect(carolSent.approvals).toEqual({ sent: [{ id, status: 'accepted' }], refused: [], pending: 0 });
    expect(carolSent.statuses.recorded).toEqual([{ id, status: 'accepted' }]);
    for (const vault of [bob.vault, maker]) expect((await sync(vault)).statuses.recorded).toEqual([{ id, status: 'accepted' }]);

    expect(await store.db.selectFrom('payments').select('payment_id').where('payment_id', '=', id).execute()).toHaveLength(1);
    const counted = await store.db.selectFrom('relayed_approvals').select('user_id').where('payment_id', '=', id).orderBy('user_id').execute();
    expect(counted.map((row) => row.user_id)).toEqual(['bob', 'carol']);
    for (const vault of [maker, bob.vault, carol.vault]) {
      expect(statusOf(vault, id)).toBe('accepted');
      expect(entriesOf(vault, 'bank.payment-status').filter((entry) => entry.target === id)).toMatchObject([{ outcome: 'allowed', details: { status: 'accepted' } }]);
    }
    // Later syncs accept nothing twice.
    for (const vault of [maker, bob.vault, carol.vault]) expect((await sync(vault)).statuses.recorded).toEqual([]);
  });
});

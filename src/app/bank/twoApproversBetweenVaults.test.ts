import { afterEach, expect, it } from 'vitest';
import { DEMO_EUR_ACCOUNT } from '../../../test/support/approvedPayment.js';
import { anotherCode, demoBankWithCode, enrolFreshVault } from '../../../test/support/enrolledVault.js';
import { describeOnEachStore } from '../../../test/support/gatewayStores.js';
import { startTestGateway } from '../../../test/support/gatewayClient.js';
import { assertWithKey, registerKey, softwareKey, type SoftwareKey } from '../../../test/support/softwareAuthenticator.js';
import { auditEntries } from '../../../test/fixtures/demo/demoVault.js';
import { paymentDigest } from '../../domain/index.js';
import type { GatewayStore } from '../../server/index.js';
import type { UnlockedVault } from '../../vault/index.js';
import { requirePayment } from '../commands/records/paymentRecords.js';
import { dispatch } from '../dispatch/dispatch.js';
import { openSession } from '../dispatch/openSession.js';
import { webAuthnStepUp } from '../keys/webAuthnStepUp.js';

const open: UnlockedVault[] = [];
afterEach(() => {
  for (const vault of open.splice(0)) vault.lock();
});

const statusOf = (vault: UnlockedVault, id: string) => vault.db.prepare('SELECT status FROM payments WHERE id = ?').pluck().get(id);
const digestOf = (vault: UnlockedVault, id: string) => paymentDigest(requirePayment(vault.db, id).payment).toString('hex');

async function sync(vault: UnlockedVault) {
  const result = await dispatch(await openSession(vault), 'bank.sync', {});
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

async function enrolledWithKey(gatewayUrl: string, store: GatewayStore, user: string): Promise<{ vault: UnlockedVault; key: SoftwareKey }> {
  const { vault } = await enrolFreshVault(gatewayUrl, await anotherCode(store, user));
  open.push(vault);
  const key = softwareKey();
  const session = await openSession(vault, { stepUp: webAuthnStepUp({ vault }) });
  const options = await dispatch(session, 'keys.register-options', {});
  if (!options.ok) throw new Error(options.error.message);
  const { challenge } = options.value.options as { challenge: string };
  expect(await dispatch(session, 'keys.register', { response: registerKey(key, challenge) as never, name: `${user}'s key` })).toMatchObject({ ok: true });
  await sync(vault);
  return { vault, key };
}

async function approve(approver: UnlockedVault, key: SoftwareKey, id: string) {
  const session = await openSession(approver, { stepUp: webAuthnStepUp({ vault: approver }) });
  return dispatch(session, 'payments.approve', { id }, { stepUpProof: assertWithKey(key, Buffer.from(digestOf(approver, id), 'hex')) });
}

describeOnEachStore('coffer sync: a payment that needs two approvers, each in a vault of their own', (stores) => {
  it('A then B, three vaults: the first approval leaves it pending at the bank, the second accepts it once, and all three vaults hold it accepted', async () => {
    const store = await stores.fresh();
    await demoBankWithCode(store, 'erin');
    const gateway = await startTestGateway(store);
    const { vault: maker } = await enrolFreshVault(gateway.url, await anotherCode(store, 'alice'));
    open.push(maker);
    const bob = await enrolledWithKey(gateway.url, store, 'bob');
    const carol = await enrolledWithKey(gateway.url, store, 'carol');

    // Above the demo's 10,000.00 EUR, the rule asks an A signature (bob) and a B signature (carol).
    const session = await openSession(maker);
    const created = await dispatch(session, 'payments.create', { from: DEMO_EUR_ACCOUNT, toName: 'Boulangerie Éclair SARL', toIban: 'FR1420041010050500013M02606', amount: '25000.00', currency: 'EUR', reference: 'Ovens' });
    if (!created.ok) throw new Error(created.error.message);
    const id = created.value.id;
    expect(await dispatch(session, 'payments.submit', { id })).toMatchObject({ ok: true });
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
      expect(auditEntries(vault).filter((entry) => entry.action === 'bank.payment-status' && entry.target === id)).toMatchObject([{ outcome: 'allowed', details: { status: 'accepted' } }]);
    }
    // Later syncs accept nothing twice.
    for (const vault of [maker, bob.vault, carol.vault]) expect((await sync(vault)).statuses.recorded).toEqual([]);
  });
});

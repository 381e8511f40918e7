import { sql } from 'kysely';
import { afterEach, expect, it, vi } from 'vitest';
import { DEMO_ORG_ID } from '../../../test/support/enrolledVault.js';
import { describeOnEachStore } from '../../../test/support/gatewayStores.js';
import { approve, entriesOf, makerAndTwoApprovers, show, submittedPayment, sync } from '../../../test/support/vaultsBetween.js';
import { addUser, POLICY_VALIDITY_MS, type GatewayStore } from '../../server/index.js';
import type { UnlockedVault } from '../../vault/index.js';
import { verifyCachedOrgPolicy } from '../policy/verifyCachedOrgPolicy.js';

const DAY_MS = 24 * 60 * 60 * 1000;

afterEach(() => {
  vi.useRealTimers();
});

/** The clock of the app and of the gateway (one process) moved past the policy's expiry; it goes on ticking. */
function afterPolicyExpiry(): void {
  const later = Date.now() + POLICY_VALIDITY_MS + DAY_MS;
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  vi.setSystemTime(later);
}

/** The payment's current share stated again in the feed, with the approvals relayed under it, as a relayed approval makes the gateway do. */
async function restate(store: GatewayStore, paymentId: string): Promise<void> {
  await sql`INSERT INTO pending_payment_feed (org_id, payment_id, digest, status, order_json, maker_signature, device_id, sequence, created_at)
    SELECT org_id, payment_id, digest, status, order_json, maker_signature, device_id, sequence, created_at FROM pending_payment_feed
     WHERE seq = (SELECT max(seq) FROM pending_payment_feed WHERE payment_id = ${paymentId})`.execute(store.db);
}

const heldApprovals = (vault: UnlockedVault, id: string) => vault.db.prepare('SELECT user_id FROM approvals WHERE payment_id = ?').pluck().all(id);

describeOnEachStore('coffer sync: a relayed approval reaches a vault whose cached policy has expired', (stores) => {
  it('is refused, audited naming the expired policy and never stored; a sync that installs a fresh policy first judges it by that one and takes it', async () => {
    const store = await stores.fresh();
    // The gateway reads the clock at each request, so it moves with the app's when the test moves it.
    const { maker, bob, carol } = await makerAndTwoApprovers(store, { now: () => Date.now() });
    // Above 10,000.00 EUR the rule asks an A (bob) and a B (carol).
    // Executed after the jump below, so the order is still good when the policy no longer is.
    const id = await submittedPayment(maker, '25000.00', new Date(Date.now() + POLICY_VALIDITY_MS + 10 * DAY_MS).toISOString().slice(0, 10));
    await sync(maker);
    expect((await sync(carol.vault)).received.received).toEqual([{ id, change: 'added' }]);
    await sync(bob.vault);
    expect(await approve(bob.vault, bob.key, id)).toMatchObject({ ok: true, value: { signatureClass: 'A' } });
    expect((await sync(bob.vault)).approvals.sent).toEqual([{ id, status: 'pending' }]);

    // Carol's vault next syncs after the policy expired; the gateway has no newer one to give it.
    afterPolicyExpiry();
    expect(await verifyCachedOrgPolicy(carol.vault.db)).toMatchObject({ status: 'expired' });
    const before = entriesOf(carol.vault, 'bank.receive-approval').length;
    const refused = await sync(carol.vault);
    expect(refused.policy.installed).toBe(false);
    expect(refused.relayedApprovals).toEqual({ stored: [], refused: [{ paymentId: id, userId: 'bob', code: 'APP_RELAYED_APPROVAL_REFUSED' }] });
    const denied = entriesOf(carol.vault, 'bank.receive-approval').slice(before);
    expect(denied).toMatchObject([{ outcome: 'denied', reason: 'APP_RELAYED_APPROVAL_REFUSED', target: id, details: { userId: 'bob', feed: 'pending-payments' } }]);
    expect(denied[0]?.details.problem).toMatch(/^expected a valid bank-signed policy to judge it by, found the cached policy expired at /);
    expect(heldApprovals(carol.vault, id)).toEqual([]);
    expect((await show(carol.vault, id)).approvals).toEqual([]);

    // The bank signs a fresh policy (a new user added); the share is stated again with Bob's approval. One sync
    // installs the policy before it takes approvals, and judges Bob's by it.
    await addUser(store, 'sam', { orgId: DEMO_ORG_ID, userId: 'frank', name: 'Frank Viewer', roles: ['viewer'] });
    await restate(store, id);
    const taken = await sync(carol.vault);
    expect(taken.policy.installed).toBe(true);
    expect(taken.relayedApprovals).toEqual({ stored: [{ paymentId: id, userId: 'bob' }], refused: [] });
    expect(await verifyCachedOrgPolicy(carol.vault.db)).toMatchObject({ status: 'valid' });
    expect((await show(carol.vault, id)).approvals).toMatchObject([{ userId: 'bob', signatureClass: 'A', counts: true }]);
  });
});

import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { DEMO_ORG, DEMO_SMALL_EUR_LIMIT_MINOR } from '../../src/policy/index.js';
import { setApprovalRule, type GatewayStore } from '../../src/server/index.js';
import type { UnlockedVault } from '../../src/vault/index.js';
import { DEMO_EUR_ACCOUNT } from '../support/approvedPayment.js';
import { describeOnEachStore } from '../support/gatewayStores.js';
import { assertWithKey, type SoftwareKey } from '../support/softwareAuthenticator.js';
import { approve, digestOf, entriesOf, makerAndTwoApprovers, registerKeyAfterEnrolment, show, submittedPayment, sync } from '../support/vaultsBetween.js';

/**
 * The gateway (or whoever writes its store) relays the approvals of a payment to the other vaults of the
 * organisation, and would like them to believe an approval nobody gave: Bob's genuine relayed approval with its
 * signature altered, moved to another payment (its digest rewritten to that payment's), or attributed to Carol.
 * Each time the share is stated again in the feed, as the gateway does when an approval is relayed, so the vaults
 * read it. The receiving vaults (the maker's, and the other approver's) judge each approval only by the payment
 * they hold and the bank-signed policy.
 */
const relayedRow = (store: GatewayStore, paymentId: string) => store.db.selectFrom('relayed_approvals').selectAll().where('payment_id', '=', paymentId).executeTakeFirstOrThrow();

async function shareVersionOf(store: GatewayStore, paymentId: string): Promise<number> {
  return (await store.db.selectFrom('pending_payments').select('share_version').where('payment_id', '=', paymentId).executeTakeFirstOrThrow()).share_version;
}

/** The payment's current share stated again in the feed, as a relayed approval makes the gateway do. */
async function restate(store: GatewayStore, paymentId: string): Promise<void> {
  await sql`INSERT INTO pending_payment_feed (org_id, payment_id, digest, status, order_json, maker_signature, device_id, sequence, created_at)
    SELECT org_id, payment_id, digest, status, order_json, maker_signature, device_id, sequence, created_at FROM pending_payment_feed
     WHERE seq = (SELECT max(seq) FROM pending_payment_feed WHERE payment_id = ${paymentId})`.execute(store.db);
}

/** One bit of the assertion's signature flipped: the approval as relayed, altered on its way. */
function alteredAssertion(assertion: string): string {
  const parsed = JSON.parse(assertion) as { response: { signature: string } };
  const signature = Buffer.from(parsed.response.signature, 'base64url');
  const at = signature.length - 8;
  signature.writeUInt8(signature.readUInt8(at) ^ 0x01, at);
  parsed.response.signature = signature.toString('base64url');
  return JSON.stringify(parsed);
}

const heldApprovals = (vault: UnlockedVault, id: string) => vault.db.prepare('SELECT user_id FROM approvals WHERE payment_id = ?').pluck().all(id);

/** The gateway passes on a genuine signature by `key` over the payment as it stands as `userId`'s approval, and states the share again. */
async function passOnSignature(store: GatewayStore, paymentId: string, userId: string, key: SoftwareKey): Promise<void> {
  const relayed = await relayedRow(store, paymentId);
  const assertion = JSON.stringify(assertWithKey(key, Buffer.from(relayed.digest, 'hex')));
  await store.db.insertInto('relayed_approvals').values({ ...relayed, user_id: userId, credential_id: key.id, assertion, assertion_hash: `${userId}-passed-on` }).execute();
  await restate(store, paymentId);
}

/**
 * Each receiving vault refuses the forged approval of `paymentId` claimed for `userId`: audited, not stored, not
 * counted; the payment keeps the approvals `held` there, and its rule is not met.
 */
async function refusedBy(vaults: readonly UnlockedVault[], paymentId: string, userId: string, held: readonly string[] = []): Promise<void> {
  for (const vault of vaults) {
    const before = entriesOf(vault, 'bank.receive-approval').length;
    expect((await sync(vault)).relayedApprovals).toEqual({ stored: [], refused: [{ paymentId, userId, code: 'APP_RELAYED_APPROVAL_REFUSED' }] });
    expect(entriesOf(vault, 'bank.receive-approval').slice(before)).toMatchObject([{ outcome: 'denied', reason: 'APP_RELAYED_APPROVAL_REFUSED', target: paymentId, details: { userId } }]);
    expect(heldApprovals(vault, paymentId)).toEqual(held);
    const shown = await show(vault, paymentId);
    expect(shown.approvals.map((approval) => approval.userId)).toEqual(held);
    expect(shown.approval).toMatchObject({ executable: false });
  }
}

/** The bank's rule above 10,000.00 EUR set to `approvers`; every vault installs the policy that says so. */
async function ruleAboveTenThousand(store: GatewayStore, vaults: readonly UnlockedVault[], approvers: { userId: string; signatureClass: 'E' | 'A' | 'B' | 'T' }[]): Promise<void> {
  await setApprovalRule(store, 'sam', { orgId: DEMO_ORG.id, account: DEMO_EUR_ACCOUNT, currency: 'EUR', minAmountMinor: DEMO_SMALL_EUR_LIMIT_MINOR + 1, approvers });
  for (const vault of vaults) expect((await sync(vault)).policy.installed).toBe(true);
}

/** Alice's payment above 10,000.00 EUR, received by both approvers' vaults, approved by Bob (A) and relayed. */
async function approvedByBob(maker: UnlockedVault, bob: { vault: UnlockedVault; key: SoftwareKey }, carol: UnlockedVault): Promise<string> {
  const id = await submittedPayment(maker, '25000.00');
  await sync(maker);
  await sync(bob.vault);
  expect(await approve(bob.vault, bob.key, id)).toMatchObject({ ok: true, value: { signatureClass: 'A' } });
  await sync(bob.vault);
  for (const vault of [maker, carol]) expect((await sync(vault)).relayedApprovals).toEqual({ stored: [{ paymentId: id, userId: 'bob' }], refused: [] });
  return id;
}

describeOnEachStore('the gateway relays a forged approval to the other vaults', (stores) => {
  it("an altered assertion, one moved to another payment and one claimed for another user are each refused by the maker's and the other approver's vault, audited and not counted; the genuine one is taken", async () => {
    const store = await stores.fresh();
    const { maker, bob, carol } = await makerAndTwoApprovers(store);
    // Above 10,000.00 EUR the rule asks an A (bob) and a B (carol).
    const first = await submittedPayment(maker, '25000.00');
    const second = await submittedPayment(maker, '26000.00');
    await sync(maker);
    await sync(bob.vault);
    expect(await approve(bob.vault, bob.key, first)).toMatchObject({ ok: true, value: { signatureClass: 'A' } });
    expect((await sync(bob.vault)).approvals.sent).toEqual([{ id: first, status: 'pending' }]);
    const genuine = await relayedRow(store, first);

    // Altered: the signature no longer verifies with Bob's key from the bank-signed policy.
    await store.db.updateTable('relayed_approvals').set({ assertion: alteredAssertion(genuine.assertion) }).where('payment_id', '=', first).execute();
    await refusedBy([carol.vault, maker], first, 'bob');

    // Moved: Bob's genuine approval of the first payment offered as one of the second, digest and share rewritten to fit.
    await store.db
      .updateTable('relayed_approvals')
      .set({ assertion: genuine.assertion, payment_id: second, digest: digestOf(maker, second), share_version: await shareVersionOf(store, second) })
      .where('payment_id', '=', first)
      .execute();
    await restate(store, second);
    await refusedBy([carol.vault, maker], second, 'bob');

    // Claimed for Carol, whose class B the rule would count: Bob's key is not hers in the bank-signed policy.
    await store.db
      .updateTable('relayed_approvals')
      .set({ payment_id: first, digest: genuine.digest, share_version: genuine.share_version, user_id: 'carol' })
      .where('payment_id', '=', second)
      .execute();
    await restate(store, first);
    await refusedBy([maker], first, 'carol');
    // Carol's own vault takes none of her approvals from the gateway: nothing stored, nothing to refuse.
    expect((await sync(carol.vault)).relayedApprovals).toEqual({ stored: [], refused: [] });
    expect(heldApprovals(carol.vault, first)).toEqual([]);

    // The genuine approval, relayed as it was given, is taken by both: what was refused was the forgery, not the route.
    await store.db.updateTable('relayed_approvals').set({ user_id: 'bob' }).where('payment_id', '=', first).execute();
    await restate(store, first);
    for (const vault of [carol.vault, maker]) {
      expect((await sync(vault)).relayedApprovals).toEqual({ stored: [{ paymentId: first, userId: 'bob' }], refused: [] });
      expect((await show(vault, first)).approvals).toMatchObject([{ userId: 'bob', signatureClass: 'A', counts: true }]);
      expect(heldApprovals(vault, second)).toEqual([]);
    }
  });

  it("an approval by a key the policy lists for a user whose class for this payment never counts (T) is refused, audited and not stored", async () => {
    const store = await stores.fresh();
    const { maker, bob, carol } = await makerAndTwoApprovers(store);
    // Carol class T above 10,000.00 EUR: her key is still hers in the policy, her signature counts for nothing there.
    await ruleAboveTenThousand(store, [maker, bob.vault, carol.vault], [{ userId: 'bob', signatureClass: 'A' }, { userId: 'carol', signatureClass: 'T' }]);
    const id = await approvedByBob(maker, bob, carol.vault);
    await passOnSignature(store, id, 'carol', carol.key);
    await refusedBy([maker, bob.vault], id, 'carol', ['bob']);
  });

  it("the maker's own signature over her payment, passed on as her approval although the rule gives her a class, is refused by the approvers' vaults", async () => {
    const store = await stores.fresh();
    const { maker, bob, carol } = await makerAndTwoApprovers(store);
    const alicesKey = await registerKeyAfterEnrolment(maker, 'alice');
    await ruleAboveTenThousand(store, [maker, bob.vault, carol.vault], [{ userId: 'bob', signatureClass: 'A' }, { userId: 'carol', signatureClass: 'B' }, { userId: 'alice', signatureClass: 'B' }]);
    const id = await approvedByBob(maker, bob, carol.vault);
    await passOnSignature(store, id, 'alice', alicesKey);
    await refusedBy([bob.vault, carol.vault], id, 'alice', ['bob']);
  });
});

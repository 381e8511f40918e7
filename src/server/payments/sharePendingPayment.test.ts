import { expect, it } from 'vitest';
import { canonicalJson, type PaymentOrder } from '../../contract/index.js';
import { ed25519Sign } from '../../crypto/index.js';
import { startTestGateway } from '../../../test/support/gatewayClient.js';
import { describeOnEachStore } from '../../../test/support/gatewayStores.js';
import { approve, digestOf, enrolledOrg, order, ORG, SMALL_EUR_LIMIT_MINOR } from '../../../test/support/paymentGateway.js';
import { pullPending, relayApproval, sharePayment } from '../../../test/support/relayGateway.js';
import type { GatewayStore } from '../store/openStore.js';

/** What a refused share must leave as it was: the pending row, the feed, the relayed approvals. */
async function snapshot(store: GatewayStore) {
  return {
    pending: await store.db.selectFrom('pending_payments').select(['payment_id', 'digest', 'status', 'sequence', 'share_version', 'maker_signature']).orderBy('payment_id').execute(),
    feed: await store.db.selectFrom('pending_payment_feed').select(['seq', 'sequence', 'status']).orderBy('seq').execute(),
    relayed: await store.db.selectFrom('relayed_approvals').select(['payment_id', 'user_id', 'share_version']).orderBy('user_id').execute(),
  };
}

async function auditedCodes(store: GatewayStore, action: string): Promise<unknown[]> {
  const rows = await store.db.selectFrom('gateway_audit').select('details').where('action', '=', action).orderBy('seq').execute();
  return rows.map((row) => (JSON.parse(row.details) as { code: unknown }).code);
}

const hex = (payment: PaymentOrder) => digestOf(payment).toString('hex');

describeOnEachStore("the maker's sequence at the gateway", (stores) => {
  it('refuses a share or withdrawal whose sequence is not above the one held with SERVER_STALE_SHARE: nothing changes, each refusal audited', async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const { alice, carol } = await enrolledOrg(store, gateway.url);
    const payment = order();
    const edited = { ...payment, remittanceInfo: 'Invoice 4711 corrected' };
    expect((await sharePayment(gateway.url, alice, payment, { sequence: 1 })).status).toBe(201);
    expect((await sharePayment(gateway.url, alice, payment, { status: 'withdrawn', sequence: 2 })).status).toBe(201);
    const unchanged = await snapshot(store);

    const attempts = [
      // The maker's own first share, exactly as she sent it: replayed after her withdrawal.
      await sharePayment(gateway.url, alice, payment, { sequence: 1 }),
      // Genuinely signed by her device, but under a sequence the gateway holds for something else, or below it.
      await sharePayment(gateway.url, alice, payment, { sequence: 2 }),
      await sharePayment(gateway.url, alice, edited, { sequence: 2 }),
      await sharePayment(gateway.url, alice, edited, { status: 'withdrawn', sequence: 1 }),
    ];
    expect(attempts.map((answer) => [answer.status, answer.code])).toEqual([
      [409, 'SERVER_STALE_SHARE'],
      [409, 'SERVER_STALE_SHARE'],
      [409, 'SERVER_STALE_SHARE'],
      [409, 'SERVER_STALE_SHARE'],
    ]);
    expect(await snapshot(store)).toEqual(unchanged);
    expect(await auditedCodes(store, 'payment.share.refuse')).toEqual(attempts.map((answer) => answer.code));

    // Her next statement is above what is held: the payment re-opens, and the feed serves every sequence.
    expect(await sharePayment(gateway.url, alice, edited, { sequence: 3 })).toMatchObject({ status: 201, body: { digest: hex(edited), status: 'pending' } });
    const feed = await pullPending(gateway.url, carol);
    expect(feed.payments.map((entry) => [entry.sequence, entry.status, entry.digest])).toEqual([
      [1, 'pending', hex(payment)],
      [2, 'withdrawn', hex(payment)],
      [3, 'pending', hex(edited)],
    ]);
  });

  it('answers an exact retry of the statement held as held, writing nothing; a newer sequence saying the same changes nothing and voids no approval', async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const { alice, bob } = await enrolledOrg(store, gateway.url);
    // Above the small band: bob's approval alone leaves it pending.
    const payment = order({ amountMinor: SMALL_EUR_LIMIT_MINOR + 500_00 });
    const first = await sharePayment(gateway.url, alice, payment, { sequence: 1 });
    expect(first.status).toBe(201);
    expect((await relayApproval(gateway.url, bob, payment, approve(bob.hardwareKey, payment))).body).toMatchObject({ status: 'pending', approvedBy: ['bob'] });
    const held = await snapshot(store);
    const audited = await store.db.selectFrom('gateway_audit').select('seq').execute();

    // The sync that lost the answer sends the very same statement again (Ed25519 signs deterministically).
    const retry = await sharePayment(gateway.url, alice, payment, { sequence: 1 });
    expect([retry.status, retry.body]).toEqual([200, { ...(first.body as object), approvedBy: ['bob'] }]);
    const newer = await sharePayment(gateway.url, alice, payment, { sequence: 5 });
    expect([newer.status, newer.body]).toEqual([200, { paymentId: payment.id, digest: hex(payment), status: 'pending', approvedBy: ['bob'] }]);
    expect(await snapshot(store)).toEqual(held);
    expect(await store.db.selectFrom('gateway_audit').select('seq').execute()).toEqual(audited);

    // A withdrawal and its exact retry: one feed entry (after the share's, and its restatement when bob's approval was relayed).
    expect((await sharePayment(gateway.url, alice, payment, { status: 'withdrawn', sequence: 6 })).status).toBe(201);
    expect((await sharePayment(gateway.url, alice, payment, { status: 'withdrawn', sequence: 6 })).status).toBe(200);
    expect((await snapshot(store)).feed.map((entry) => [entry.sequence, entry.status])).toEqual([
      [1, 'pending'],
      [1, 'pending'],
      [6, 'withdrawn'],
    ]);
  });

  it('refuses a signature over the v1 statement (no sequence) with SERVER_BAD_MAKER_SIGNATURE', async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const { alice } = await enrolledOrg(store, gateway.url);
    const payment = order();
    const v1 = canonicalJson({ tag: 'coffer/pending-payment/v1', orgId: ORG, paymentId: payment.id, digest: hex(payment), status: 'pending' });
    const signature = ed25519Sign(alice.key.seed, Buffer.from(v1, 'utf8')).toString('base64url');
    const answer = await sharePayment(gateway.url, alice, payment, { sequence: 1, signature });
    expect([answer.status, answer.code]).toEqual([422, 'SERVER_BAD_MAKER_SIGNATURE']);
    expect(await snapshot(store)).toEqual({ pending: [], feed: [], relayed: [] });
  });
});

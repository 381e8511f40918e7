import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { requirePayment } from '../../src/app/commands/records/paymentRecords.js';
import { dispatch } from '../../src/app/dispatch/dispatch.js';
import { openSession } from '../../src/app/dispatch/openSession.js';
import type { GatewayStore } from '../../src/server/index.js';
import type { UnlockedVault } from '../../src/vault/index.js';
import { describeOnEachStore } from '../support/gatewayStores.js';
import { approve, digestOf, entriesOf, makerAndApprover, statusOf, submittedPayment, sync } from '../support/vaultsBetween.js';

/**
 * The gateway (or whoever writes its store) keeps the maker's old signed `pending` statement and serves it
 * again after she withdrew or edited the payment: a new feed entry copying the old one, and the pending row set
 * back to it, so the gateway itself would take approvals of it. The maker's signature and certificate are
 * genuine; only its sequence, below the one the approver's vault already believed, gives it away.
 */
async function replayOldestStatement(store: GatewayStore, paymentId: string): Promise<void> {
  await sql`INSERT INTO pending_payment_feed (org_id, payment_id, digest, status, order_json, maker_signature, device_id, sequence, created_at)
    SELECT org_id, payment_id, digest, status, order_json, maker_signature, device_id, sequence, created_at FROM pending_payment_feed
     WHERE payment_id = ${paymentId} AND sequence = 1`.execute(store.db);
  await sql`UPDATE pending_payments SET (digest, order_json, maker_signature, status, sequence) =
    (SELECT digest, order_json, maker_signature, status, sequence FROM pending_payment_feed WHERE payment_id = ${paymentId} AND sequence = 1 ORDER BY seq LIMIT 1)
     WHERE payment_id = ${paymentId}`.execute(store.db);
}

const approvalsOf = (vault: UnlockedVault, id: string) => vault.db.prepare('SELECT count(*) FROM approvals WHERE payment_id = ? AND voided_at IS NULL').pluck().get(id);

describeOnEachStore("the gateway serves an approver the maker's old signed share after she took it back", (stores) => {
  it("after a withdrawal: the approver's vault refuses the old statement, audits it, and keeps the payment a draft nobody can approve", async () => {
    const store = await stores.fresh();
    const { maker, approver, key } = await makerAndApprover(store);
    const id = await submittedPayment(maker);
    await sync(maker);
    expect((await sync(approver)).received.received).toEqual([{ id, change: 'added' }]);
    expect(await dispatch(await openSession(maker), 'payments.cancel', { id })).toMatchObject({ ok: true });
    expect((await sync(maker)).shared.withdrawn).toEqual([id]);
    expect((await sync(approver)).received.received).toEqual([{ id, change: 'withdrawn' }]);
    expect(statusOf(approver, id)).toBe('draft');

    await replayOldestStatement(store, id);
    const replayed = await sync(approver);
    expect(replayed.received).toMatchObject({ received: [], refused: [{ code: 'APP_PENDING_PAYMENT_REFUSED' }] });
    expect(entriesOf(approver, 'bank.receive-payment').filter((entry) => entry.target === id).map((entry) => [entry.outcome, entry.reason])).toEqual([
      ['allowed', null],
      ['allowed', null],
      ['denied', 'APP_PENDING_PAYMENT_REFUSED'],
    ]);
    expect(statusOf(approver, id)).toBe('draft');
    expect(await approve(approver, key, id)).toMatchObject({ ok: false });
    expect(approvalsOf(approver, id)).toBe(0);
    // Stepped over for good: the next sync neither takes it nor refuses it again.
    expect((await sync(approver)).received).toMatchObject({ received: [], refused: [] });
    expect(statusOf(approver, id)).toBe('draft');
  });

  it("after withholding the share: the withdrawal seen first is believed though the payment is not held, and the share served after it is refused, never shown", async () => {
    const store = await stores.fresh();
    const { maker, approver } = await makerAndApprover(store);
    const id = await submittedPayment(maker);
    await sync(maker);
    expect(await dispatch(await openSession(maker), 'payments.cancel', { id })).toMatchObject({ ok: true });
    expect((await sync(maker)).shared.withdrawn).toEqual([id]);
    // The gateway keeps the share back from the feed: the approver's first word of the payment is its withdrawal.
    const share = await store.db.selectFrom('pending_payment_feed').selectAll().where('payment_id', '=', id).where('sequence', '=', 1).executeTakeFirstOrThrow();
    await store.db.deleteFrom('pending_payment_feed').where('seq', '=', share.seq).execute();
    expect((await sync(approver)).received).toMatchObject({ received: [], refused: [] });
    expect(statusOf(approver, id)).toBeUndefined();

    const { seq: _renumbered, ...row } = share;
    await store.db.insertInto('pending_payment_feed').values(row).execute();
    await store.db.updateTable('pending_payments').set({ status: 'pending', sequence: 1, maker_signature: share.maker_signature }).where('payment_id', '=', id).execute();
    expect((await sync(approver)).received).toMatchObject({ received: [], refused: [{ code: 'APP_PENDING_PAYMENT_REFUSED' }] });
    expect(statusOf(approver, id)).toBeUndefined();
    expect(entriesOf(approver, 'bank.receive-payment').filter((entry) => entry.target === id)).toMatchObject([{ outcome: 'denied', reason: 'APP_PENDING_PAYMENT_REFUSED' }]);
  });

  it('after an edit: the order before the edit is refused, and the approver still holds the order the maker shares now', async () => {
    const store = await stores.fresh();
    const { maker, approver } = await makerAndApprover(store);
    const id = await submittedPayment(maker);
    await sync(maker);
    await sync(approver);
    const session = await openSession(maker);
    expect(await dispatch(session, 'payments.edit', { id, amount: '9120.00' })).toMatchObject({ ok: true });
    expect(await dispatch(session, 'payments.submit', { id })).toMatchObject({ ok: true });
    expect((await sync(maker)).shared.shared).toEqual([id]);
    expect((await sync(approver)).received.received).toEqual([{ id, change: 'changed' }]);

    await replayOldestStatement(store, id);
    expect((await sync(approver)).received).toMatchObject({ received: [], refused: [{ code: 'APP_PENDING_PAYMENT_REFUSED' }] });
    expect(requirePayment(approver.db, id).payment).toMatchObject({ status: 'pending_approval', amountMinor: 912000 });
    expect(digestOf(approver, id)).toBe(digestOf(maker, id));
  });
});

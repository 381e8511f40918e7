import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { PendingPaymentFeedResponse, PendingPaymentSubmission } from '../../contract/index.js';
import { describeOnEachStore } from '../../../test/support/gatewayStores.js';
import { TEST_PASSWORD } from '../../../test/support/testVault.js';
import { digestOf, entriesOf, lockAfterTest, makerAndApprover, submittedPayment, sync } from '../../../test/support/vaultsBetween.js';
import { unlockVault } from '../../vault/index.js';
import { dispatch } from '../dispatch/dispatch.js';
import { openSession } from '../dispatch/openSession.js';
import { readPendingCursor } from './receivePayments.js';

describeOnEachStore("coffer sync: the maker's sequence", (stores) => {
  it('signs every statement of a payment at a sequence of its own, kept across a restart: a share whose answer was lost goes again at the same one, and an order edited meanwhile at the next', async () => {
    const store = await stores.fresh();
    const { proxy, maker: first, makerDir, approver } = await makerAndApprover(store);
    const sent: number[] = [];
    proxy.watchRequests('POST', '/v1/pending-payments', (body) => sent.push(PendingPaymentSubmission.parse(JSON.parse(body)).sequence));
    const id = await submittedPayment(first);
    proxy.loseAnswers('POST', '/v1/pending-payments', 1);
    expect((await sync(first)).shared.pending).toBe(1);
    first.lock();

    // A restart: the statement signed before it is what the vault sends again, so the gateway holds it once.
    const maker = lockAfterTest(await unlockVault(makerDir, { password: TEST_PASSWORD }, { autoLockMs: null }));
    expect((await sync(maker)).shared.shared).toEqual([id]);
    expect(sent).toEqual([1, 1]);

    // The next edit's share loses its answer too, and the maker edits again before her next sync.
    const edit = async (amount: string) => {
      const session = await openSession(maker);
      expect(await dispatch(session, 'payments.edit', { id, amount })).toMatchObject({ ok: true });
      expect(await dispatch(session, 'payments.submit', { id })).toMatchObject({ ok: true });
    };
    await edit('130.00');
    proxy.loseAnswers('POST', '/v1/pending-payments', 1);
    expect((await sync(maker)).shared.pending).toBe(1);
    await edit('140.00');
    expect((await sync(maker)).shared).toEqual({ shared: [id], withdrawn: [], refused: [], pending: 0 });
    // Never one sequence for two orders: the gateway took 2 (its answer lost) and then 3.
    expect(sent).toEqual([1, 1, 2, 3]);
    expect(entriesOf(maker, 'bank.sign-share').map((entry) => entry.details)).toMatchObject([{ sequence: 1, status: 'pending' }, { sequence: 2 }, { sequence: 3, digest: digestOf(maker, id) }]);
    const feed = await sql<{ sequence: number | string }>`SELECT sequence FROM pending_payment_feed WHERE payment_id = ${id} ORDER BY seq`.execute(store.db);
    expect(feed.rows.map((row) => Number(row.sequence))).toEqual([1, 2, 3]);

    expect((await sync(approver)).received.received).toEqual([
      { id, change: 'added' },
      { id, change: 'changed' },
      { id, change: 'changed' },
    ]);
    expect(digestOf(approver, id)).toBe(digestOf(maker, id));
    expect(approver.db.prepare('SELECT sequence, status FROM pending_statements WHERE payment_id = ?').get(id)).toEqual({ sequence: 3, status: 'pending' });
  });

  it('refuses a page of the feed that goes back behind the cursor, or out of order, with APP_BAD_GATEWAY_ANSWER: nothing taken, the cursor kept', async () => {
    const store = await stores.fresh();
    const { maker, approver, approverProxy } = await makerAndApprover(store);
    const first = await submittedPayment(maker, '10.00');
    await sync(maker);
    await sync(approver);
    const cursor = readPendingCursor(approver.db);
    expect(cursor).toBeGreaterThan(0);
    const later = [await submittedPayment(maker, '20.00'), await submittedPayment(maker, '30.00')];
    await sync(maker);
    const countReceived = () => approver.db.prepare('SELECT count(*) FROM received_payments').pluck().get();
    expect(countReceived()).toBe(1);

    const rewrites: [string, (page: PendingPaymentFeedResponse) => PendingPaymentFeedResponse][] = [
      // The gateway answers from before the cursor again: the entries and `next` renumbered behind it.
      ['backwards', (page) => ({ ...page, payments: page.payments.map((entry, index) => ({ ...entry, seq: index + 1 })), next: page.payments.length })],
      ['out of order', (page) => ({ ...page, payments: [...page.payments].reverse() })],
    ];
    for (const [, rewrite] of rewrites) {
      approverProxy.rewriteAnswers('GET', '/v1/pending-payments', (text) => JSON.stringify(rewrite(PendingPaymentFeedResponse.parse(JSON.parse(text)))));
      const refused = await dispatch(await openSession(approver), 'bank.sync', {});
      expect(refused).toMatchObject({ ok: false, error: { code: 'APP_BAD_GATEWAY_ANSWER' } });
      expect(readPendingCursor(approver.db)).toBe(cursor);
      expect(countReceived()).toBe(1);
    }

    approverProxy.rewriteAnswers('GET', '/v1/pending-payments', (text) => text);
    expect((await sync(approver)).received.received.map((entry) => entry.id)).toEqual(later);
    expect(approver.db.prepare('SELECT payment_id FROM received_payments ORDER BY seq').pluck().all()).toEqual([first, ...later]);
  });
});

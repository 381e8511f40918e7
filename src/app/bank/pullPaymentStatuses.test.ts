import { afterEach, expect, it } from 'vitest';
import { approvedPayment } from '../../../test/support/approvedPayment.js';
import { demoBankWithCode, DEMO_ORG_ID } from '../../../test/support/enrolledVault.js';
import { describeOnEachStore } from '../../../test/support/gatewayStores.js';
import { startTestGateway } from '../../../test/support/gatewayClient.js';
import { lossyProxy } from '../../../test/support/lossyProxy.js';
import { auditEntries } from '../../../test/fixtures/demo/demoVault.js';
import type { PaymentStatusFeedResponse } from '../../contract/index.js';
import { generateJwsKeyPair } from '../../crypto/index.js';
import { signPaymentStatusReport } from '../../domain/index.js';
import { exportPayments, loadBankKey, markPayment, type GatewayStore } from '../../server/index.js';
import type { UnlockedVault } from '../../vault/index.js';
import { verifyVaultAudit } from '../audit/verifyVaultAudit.js';
import { dispatch } from '../dispatch/dispatch.js';
import { openSession } from '../dispatch/openSession.js';

const open: UnlockedVault[] = [];
afterEach(() => {
  for (const vault of open.splice(0)) vault.lock();
});

const statusOf = (vault: UnlockedVault, id: string) => vault.db.prepare('SELECT status FROM payments WHERE id = ?').pluck().get(id);
const sync = async (vault: UnlockedVault) => {
  const result = await dispatch(await openSession(vault), 'bank.sync', {});
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
};
const show = async (vault: UnlockedVault, id: string) => {
  const shown = await dispatch(await openSession(vault), 'payments.show', { id });
  if (!shown.ok) throw new Error(shown.error.message);
  return shown.value;
};

/** Alice's payment, sent and accepted at the first sync after Bob's approval. */
async function acceptedPayment(store: GatewayStore) {
  await demoBankWithCode(store, 'erin');
  const gateway = await startTestGateway(store);
  const { vault, id } = await approvedPayment(store, gateway.url, gateway.url, open);
  const first = await sync(vault);
  expect(first.payments.accepted).toEqual([id]);
  return { vault, id };
}

describeOnEachStore('coffer sync: payment statuses', (stores) => {
  it('records the bank\'s acceptance, then its rejection with the ISO reason, once each, and shows them in plain words', async () => {
    const store = await stores.fresh();
    const { vault, id } = await acceptedPayment(store);
    // The acceptance's own report came with the same sync, after the outbox.
    expect(auditEntries(vault).filter((entry) => entry.action === 'bank.payment-status')).toMatchObject([{ outcome: 'allowed', target: id, details: { status: 'accepted' } }]);
    expect((await show(vault, id)).bank).toMatchObject({ state: 'reported', status: 'accepted' });

    await markPayment(store, 'sam', { orgId: DEMO_ORG_ID, paymentId: id, status: 'rejected', reason: 'AC04' });
    const second = await sync(vault);
    expect(second.statuses).toMatchObject({ recorded: [{ id, status: 'rejected' }], refused: [] });
    expect(statusOf(vault, id)).toBe('rejected');
    const shown = await show(vault, id);
    expect(shown.payment.status).toBe('rejected');
    expect(shown.bank).toMatchObject({ state: 'reported', status: 'rejected', reason: 'AC04', reasonName: 'ClosedAccountNumber' });
    const listed = await dispatch(await openSession(vault), 'payments.list', { status: 'rejected' });
    expect(listed).toMatchObject({ ok: true, value: { payments: [{ id, status: 'rejected', bank: { reason: 'AC04' } }] } });
    expect(auditEntries(vault).filter((entry) => entry.action === 'bank.payment-status').map((entry) => entry.details.status)).toEqual(['accepted', 'rejected']);
    expect(auditEntries(vault).at(-1)).toMatchObject({ action: 'bank.sync', details: { statuses: 1, statusesRefused: 0 } });

    // The cursor moved with each report: nothing is recorded twice.
    const third = await sync(vault);
    expect(third.statuses).toMatchObject({ recorded: [], refused: [], cursor: second.statuses.cursor });
    expect(vault.db.prepare('SELECT count(*) FROM payment_status_reports').pluck().get()).toBe(2);

    // A lost cursor (here deleted by hand) makes the next sync read the feed again: nothing is applied twice.
    vault.db.prepare('DELETE FROM payment_status_cursor').run();
    const fourth = await sync(vault);
    expect(fourth.statuses).toMatchObject({ recorded: [], refused: [], cursor: second.statuses.cursor });
    expect(statusOf(vault, id)).toBe('rejected');
    expect(auditEntries(vault).filter((entry) => entry.action === 'bank.payment-status' && entry.details.alreadyKept === true)).toHaveLength(2);
  });

  it('records an execution once the bank exported the payment', async () => {
    const store = await stores.fresh();
    const { vault, id } = await acceptedPayment(store);
    expect((await exportPayments(store, 'sam', DEMO_ORG_ID)).flatMap((file) => file.paymentIds)).toContain(id);
    await markPayment(store, 'sam', { orgId: DEMO_ORG_ID, paymentId: id, status: 'executed' });
    expect((await sync(vault)).statuses.recorded).toEqual([{ id, status: 'executed' }]);
    expect(await show(vault, id)).toMatchObject({ payment: { status: 'executed' }, bank: { state: 'reported', status: 'executed' } });
    // Every record the reports produced is sealed under its entry (the maker cannot run `audit verify`; the check is the same).
    await expect(verifyVaultAudit(vault)).resolves.toMatchObject({ verified: true });
  });

  it("refuses and audits a report for another digest and one the bank did not sign, steps over the bank's report of another maker's payment, and applies the next genuine one", async () => {
    const store = await stores.fresh();
    await demoBankWithCode(store, 'erin');
    const gateway = await startTestGateway(store);
    const proxy = await lossyProxy(gateway.url);
    const { vault, id } = await approvedPayment(store, proxy.url, gateway.url, open);
    await sync(vault);
    const at = new Date().toISOString();
    const digest = vault.db.prepare('SELECT digest FROM payment_status_reports WHERE payment_id = ?').pluck().get(id) as string;
    await markPayment(store, 'sam', { orgId: DEMO_ORG_ID, paymentId: id, status: 'rejected', reason: 'AM04' });
    // A hostile gateway slips three reports in ahead of the bank's rejection: the bank's genuine report of a
    // payment this vault never made, the bank's report of this payment under another digest, and a report of
    // this payment's execution signed by a key of its own.
    const bankKey = (await loadBankKey(store.db, Date.now())).signingKey;
    const slipped = [
      await signPaymentStatusReport({ orgId: DEMO_ORG_ID, paymentId: 'someone-elses', digest: 'cd'.repeat(32), status: 'executed', at }, bankKey),
      await signPaymentStatusReport({ orgId: DEMO_ORG_ID, paymentId: id, digest: 'ab'.repeat(32), status: 'executed', at }, bankKey),
      await signPaymentStatusReport({ orgId: DEMO_ORG_ID, paymentId: id, digest, status: 'executed', at }, generateJwsKeyPair('EdDSA').signingKey),
    ];
    proxy.rewriteAnswers('GET', '/v1/payment-statuses', (text) => {
      const page = JSON.parse(text) as PaymentStatusFeedResponse;
      const first = page.statuses[0];
      if (first === undefined) return text;
      const shift = slipped.length;
      return JSON.stringify({ ...page, statuses: [...slipped.map((report, index) => ({ seq: first.seq + index, report })), ...page.statuses.map((entry) => ({ ...entry, seq: entry.seq + shift }))], next: page.next + shift });
    });

    const result = await sync(vault);
    expect(result.statuses.refused.map((refusal) => refusal.code)).toEqual(['APP_STATUS_REPORT_REFUSED', 'DOMAIN_BAD_STATUS_REPORT']);
    expect(result.statuses.recorded).toEqual([{ id, status: 'rejected' }]);
    expect(statusOf(vault, id)).toBe('rejected');
    const refusals = auditEntries(vault).filter((entry) => entry.action === 'bank.payment-status' && entry.outcome === 'denied');
    expect(refusals.map((entry) => [entry.target, entry.reason])).toEqual([
      [id, 'APP_STATUS_REPORT_REFUSED'],
      [null, 'DOMAIN_BAD_STATUS_REPORT'],
    ]);
    // Only the bank's genuine reports of this vault's payment are kept.
    expect(vault.db.prepare('SELECT status FROM payment_status_reports ORDER BY seq').pluck().all()).toEqual(['accepted', 'rejected']);
    expect(await show(vault, id)).toMatchObject({ bank: { state: 'reported', status: 'rejected', reason: 'AM04', reasonName: 'InsufficientFunds' } });
  });
  it("steps over the bank's reports of other makers' payments at the end of the feed in one entry, without a refusal", async () => {
    const store = await stores.fresh();
    await demoBankWithCode(store, 'erin');
    const gateway = await startTestGateway(store);
    const proxy = await lossyProxy(gateway.url);
    const { vault } = await approvedPayment(store, proxy.url, gateway.url, open);
    const before = (await sync(vault)).statuses.cursor;
    const bankKey = (await loadBankKey(store.db, Date.now())).signingKey;
    const colleagues = await signPaymentStatusReport({ orgId: DEMO_ORG_ID, paymentId: 'colleagues-payment', digest: 'cd'.repeat(32), status: 'accepted', at: new Date().toISOString() }, bankKey);
    proxy.rewriteAnswers('GET', '/v1/payment-statuses', (text) => {
      const page = JSON.parse(text) as PaymentStatusFeedResponse;
      return JSON.stringify({ statuses: [...page.statuses, { seq: page.next + 1, report: colleagues }], next: page.next + 1, more: false });
    });

    const result = await sync(vault);
    expect(result.statuses).toMatchObject({ recorded: [], refused: [], cursor: before + 1 });
    const step = auditEntries(vault).filter((entry) => entry.action === 'bank.payment-status').at(-1);
    expect(step).toMatchObject({ outcome: 'allowed', details: { after: before, next: before + 1, otherPayments: 1 } });
    expect(vault.db.prepare('SELECT count(*) FROM payment_status_reports WHERE payment_id = ?').pluck().get('colleagues-payment')).toBe(0);
  });
});

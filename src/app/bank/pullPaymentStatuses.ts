import { CofferError, PaymentStatusFeedResponse, type PaymentStatusFeedEntry, type PaymentStatusReport } from '../../contract/index.js';
import { transitionPayment, verifyPaymentStatusReport, type Payment } from '../../domain/index.js';
import type { UnlockedVault, VaultDatabase } from '../../vault/index.js';
import { requirePayment, updatePayment } from '../commands/records/paymentRecords.js';
import { bankVerificationKey, type BankConnection } from './bankConnection.js';
import { ensureFeedPageInOrder, gatewayRequest, parseAnswer, type GatewaySigner } from './gatewayRequest.js';
import type { PolicyState } from '../policy/verifyCachedOrgPolicy.js';
import { ensureReportFits, insertStatusReport, readStatusCursor, writeStatusCursor } from './paymentStatusRecords.js';
import { takeRelayedApprovals, type TakenApprovals } from './takeRelayedApprovals.js';

/** How many reports one page (one request) carries at most; each report is its own transaction and entry. */
export const STATUS_PAGE = 500;

export interface PulledPaymentStatuses {
  /** Reports applied: the payment and the status it now has. */
  recorded: { id: string; status: string }[];
  /** Reports refused (never applied): their feed position and why. */
  refused: { seq: number; code: string }[];
  cursor: number;
}

/** The lifecycle up to the bank, in order: a payment approved in other vaults walks it here when the bank reports on it. */
const TO_THE_BANK: readonly Payment['status'][] = ['pending_approval', 'approved', 'queued', 'submitted'];

/**
 * The steps from `from` to the reported status: a report of execution for a payment still `submitted` passes
 * through `accepted`; a payment the bank accepted on approvals given in other vaults (`shared`: one this vault
 * shared or received through the gateway) first walks pending_approval → approved → queued → submitted here.
 */
function stepsTo(from: Payment['status'], to: PaymentStatusReport['status'], shared: boolean): Payment['status'][] {
  if (from === to) return [];
  const before = shared ? TO_THE_BANK.indexOf(from) : -1;
  const walk = before >= 0 ? TO_THE_BANK.slice(before + 1) : [];
  if (from === 'submitted' || walk.length > 0) return [...walk, ...(to === 'accepted' ? [to] : ['accepted' as const, to])];
  return [to];
}

/** Whether the payment went to the bank through the gateway's meeting point rather than this vault's outbox. */
function sharedThroughGateway(db: VaultDatabase, id: string): boolean {
  return db.prepare("SELECT 1 FROM received_payments WHERE payment_id = ? UNION ALL SELECT 1 FROM shared_payments WHERE payment_id = ? AND status = 'pending' AND refusal IS NULL").get(id, id) !== undefined;
}

/** Whether the maker shared this payment through the gateway before she cancelled it here. */
function cancelledAfterSharing(db: VaultDatabase, payment: Payment): boolean {
  return payment.status === 'cancelled' && db.prepare('SELECT 1 FROM shared_payments WHERE payment_id = ? AND refusal IS NULL').get(payment.id) !== undefined;
}

/**
 * Checks a verified report against the vault's own payment: for this organisation, a payment of this vault
 * with the same digest, and a move its lifecycle allows. Returns the payment as the report leaves it, or
 * throws APP_STATUS_REPORT_REFUSED. A payment cancelled here after it was shared, which the bank accepted on
 * approvals in other vaults first, stays cancelled (`cancelledHere`): the report is kept, not applied.
 */
function reportedPayment(db: VaultDatabase, connection: BankConnection, report: PaymentStatusReport): { payment: Payment; accountId: string; moved: Payment; elsewhere: boolean; cancelledHere: boolean } {
  const stored = db.prepare('SELECT 1 FROM payments WHERE id = ?').get(report.paymentId);
  if (stored === undefined) throw new CofferError('APP_STATUS_REPORT_REFUSED', `expected a status report for a payment of this vault, found one for ${report.paymentId}`);
  const { payment, accountId } = requirePayment(db, report.paymentId);
  ensureReportFits(report, payment, connection.orgId);
  // No lifecycle shortcut out of `cancelled`: the bank's word is kept beside it, and said.
  if (cancelledAfterSharing(db, payment)) return { payment, accountId, moved: payment, elsewhere: false, cancelledHere: true };
  let moved = payment;
  const shared = sharedThroughGateway(db, payment.id);
  // Approved in other vaults: it reaches the bank's word from before `submitted`, which only such a payment may.
  const elsewhere = shared && TO_THE_BANK.slice(0, -1).includes(payment.status);
  try {
    for (const step of stepsTo(payment.status, report.status, shared)) moved = transitionPayment(moved, step);
  } catch (cause) {
    throw new CofferError('APP_STATUS_REPORT_REFUSED', `expected a status the payment can reach, found ${report.status} for a payment ${payment.status} here`, { cause });
  }
  return { payment, accountId, moved, elsewhere, cancelledHere: false };
}

/** Applies a report in the caller's transaction, checked again there: the payment, the kept report and the cursor, all or none. */
function applyReport(db: VaultDatabase, connection: BankConnection, entry: PaymentStatusFeedEntry, report: PaymentStatusReport, now: Date): string {
  const { payment, accountId, moved } = reportedPayment(db, connection, report);
  if (moved !== payment) updatePayment(db, moved, accountId, payment.version, now);
  insertStatusReport(db, entry.seq, report, entry.report, now);
  writeStatusCursor(db, entry.seq, now);
  return moved.status;
}

/**
 * Takes over the bank's payment status reports from the feed, from the stored cursor. Each report is handled
 * in one transaction with the cursor and its audit entry (`bank.payment-status`): applied (the payment moves to
 * accepted, executed or rejected, and the signed report is kept for every later read to verify again), or
 * refused (`denied`, with its code; the payment is untouched) and stepped over. The feed is the organisation's:
 * the bank's report of a payment this vault never held (another maker's) is stepped over without a refusal,
 * counted in the entry that moves the cursor past it. A payment shared or received through the gateway's meeting
 * point, still pending approval or approved here, walks the lifecycle to the bank's word in the same one
 * transaction, its entry saying it was accepted on approvals given in other vaults (`onApprovalsInOtherVaults`).
 * A shared payment its maker cancelled here after the gateway accepted it stays cancelled: the bank's report
 * is kept (the payment's detail shows it) and its entry is `denied` APP_ACCEPTED_BEFORE_WITHDRAWAL with
 * `cancelledHere`, counted in `refused`. The approvals an applied `accepted` report comes with (those relayed
 * between vaults that counted) are verified and taken over here (takeRelayedApprovals), so every vault holding
 * the payment lists who approved it. A sync cut off anywhere resumes at the first report not handled.
 */
export async function pullPaymentStatuses(vault: UnlockedVault, connection: BankConnection, signer: GatewaySigner, now: () => Date, relayed: { policy: PolicyState; taken: TakenApprovals }): Promise<PulledPaymentStatuses> {
  const gateway = new URL(connection.gatewayUrl);
  const bankKey = bankVerificationKey(connection.bankKey);
  const pulled: PulledPaymentStatuses = { recorded: [], refused: [], cursor: readStatusCursor(vault.db) };
  for (;;) {
    const after = pulled.cursor;
    const path = `/v1/payment-statuses?${new URLSearchParams({ after: String(after), limit: String(STATUS_PAGE) }).toString()}`;
    const page = parseAnswer(await gatewayRequest({ gateway, method: 'GET', path, signer }), PaymentStatusFeedResponse, 'a page of payment statuses');
        ensureFeedPageInOrder(page.statuses, after, page.next, 'payment statuses');
    let cursorWritten = after;
    let otherPayments = 0;
    for (const entry of page.statuses) {
      const kept = vault.db.prepare('SELECT report FROM payment_status_reports WHERE seq = ?').pluck().get(entry.seq) as string | undefined;
      if (kept === entry.report) {
        // Kept before (the cursor was lost or put back): step over it without applying it twice.
        vault.transact({ action: 'bank.payment-status', details: { seq: entry.seq, alreadyKept: true } }, (db) => writeStatusCursor(db, entry.seq, now()));
        cursorWritten = entry.seq;
        continue;
      }
      let report: PaymentStatusReport | undefined;
      let elsewhere = false;
      let cancelledHere = false;
      try {
        if (kept !== undefined) throw new CofferError('APP_STATUS_REPORT_REFUSED', `expected report ${entry.seq} as the bank signed it before, found another under its number`);
        report = await verifyPaymentStatusReport(entry.report, bankKey);
        // Another maker's payment of this organisation: the feed is the organisation's, and the report is not about this vault.
        if (report.orgId === connection.orgId && vault.db.prepare('SELECT 1 FROM payments WHERE id = ?').get(report.paymentId) === undefined) {
          otherPayments += 1;
          continue;
        }
        ({ elsewhere, cancelledHere } = reportedPayment(vault.db, connection, report));
      } catch (error) {
        if (!(error instanceof CofferError) || !REFUSALS.has(error.code)) throw error;
        // Refused, audited and stepped over, so one bad report does not stop every later one.
        vault.transact(
          { action: 'bank.payment-status', outcome: 'denied', reason: error.code, ...(report ? { target: report.paymentId } : {}), details: report ? statusDetails(entry.seq, report) : { seq: entry.seq } },
          (db) => writeStatusCursor(db, entry.seq, now()),
        );
        cursorWritten = entry.seq;
        pulled.refused.push({ seq: entry.seq, code: error.code });
        continue;
      }
      const verified = report;
      if (cancelledHere) {
        // The bank accepted (or executed) a payment its maker cancelled here too late: kept and said, not applied.
        const details = { ...statusDetails(entry.seq, verified), cancelledHere: true };
        vault.transact({ action: 'bank.payment-status', outcome: 'denied', reason: 'APP_ACCEPTED_BEFORE_WITHDRAWAL', target: verified.paymentId, details }, (db) =>
          applyReport(db, connection, entry, verified, now()),
        );
        cursorWritten = entry.seq;
        pulled.refused.push({ seq: entry.seq, code: 'APP_ACCEPTED_BEFORE_WITHDRAWAL' });
        continue;
      }
      const details = { ...statusDetails(entry.seq, verified), ...(elsewhere ? { onApprovalsInOtherVaults: true } : {}) };
      const status = vault.transact({ action: 'bank.payment-status', target: verified.paymentId, details }, (db) => applyReport(db, connection, entry, verified, now()));
      cursorWritten = entry.seq;
      pulled.recorded.push({ id: verified.paymentId, status });
      if (verified.status === 'accepted' && entry.approvals !== undefined) {
        // Who approved it in the other vaults: verified here, never taken on the gateway's word (nor the report's, which names nobody).
        const taken = await takeRelayedApprovals(vault, relayed.policy, verified.paymentId, entry.approvals, { feed: 'payment-statuses', seq: entry.seq }, now);
        relayed.taken.stored.push(...taken.stored);
        relayed.taken.refused.push(...taken.refused);
      }
    }
    pulled.cursor = page.next;
    // An empty page that moves the cursor, or reports of other makers' payments at its end: one entry for the step.
    if (page.next > cursorWritten) {
      vault.transact({ action: 'bank.payment-status', details: { after, next: page.next, ...(otherPayments > 0 ? { otherPayments } : {}) } }, (db) => writeStatusCursor(db, page.next, now()));
    }
    if (!page.more || page.next === after) break;
  }
  return pulled;
}

const REFUSALS: ReadonlySet<string> = new Set(['DOMAIN_BAD_STATUS_REPORT', 'APP_STATUS_REPORT_REFUSED']);

/** What an entry keeps of a report: which payment and digest, its status and reason, never an amount or a name. */
function statusDetails(seq: number, report: PaymentStatusReport): Record<string, string | number> {
  return { seq, digest: report.digest, status: report.status, ...(report.reason ? { reason: report.reason } : {}), reportedAt: report.at };
}

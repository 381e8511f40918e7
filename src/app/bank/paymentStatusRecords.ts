import type { PaymentBankStatus } from '../../api/index.js';
import { CofferError, PAYMENT_REJECTION_REASONS, type PaymentStatusReport } from '../../contract/index.js';
import type { JwsVerificationKey } from '../../crypto/index.js';
import { paymentDigest, verifyPaymentStatusReport, type Payment } from '../../domain/index.js';
import type { UnlockedVault, VaultDatabase } from '../../vault/index.js';
import { readBankConnection } from './bankConnection.js';

interface StatusReportRow {
  seq: number;
  payment_id: string;
  digest: string;
  status: string;
  reason: string | null;
  reported_at: string;
  report: string;
}

/** Keeps a verified report with the fields read from it, in the caller's transaction. */
export function insertStatusReport(db: VaultDatabase, seq: number, report: PaymentStatusReport, jws: string, now: Date): void {
  db.prepare('INSERT INTO payment_status_reports (seq, payment_id, digest, status, reason, reported_at, report, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    seq, report.paymentId, report.digest, report.status, report.reason ?? null, report.at, jws, now.toISOString(),
  );
}

/** Where the status feed was last read up to (0 before the first sync). */
export function readStatusCursor(db: VaultDatabase): number {
  return (db.prepare('SELECT after_seq FROM payment_status_cursor WHERE id = 1').pluck().get() as number | undefined) ?? 0;
}

export function writeStatusCursor(db: VaultDatabase, after: number, now: Date): void {
  db.prepare('INSERT INTO payment_status_cursor (id, after_seq, synced_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET after_seq = excluded.after_seq, synced_at = excluded.synced_at').run(
    after, now.toISOString(),
  );
}

/**
 * Ensures a verified report speaks of `payment` as this vault holds it: this organisation, this id, and the
 * digest of the payment as stored (so a report for another order under the same id is never applied).
 */
export function ensureReportFits(report: PaymentStatusReport, payment: Payment, orgId: string | undefined): void {
  const digest = paymentDigest(payment).toString('hex');
  if (report.orgId !== orgId) throw new CofferError('APP_STATUS_REPORT_REFUSED', `expected a status report for this vault's organisation, found one for ${report.orgId}`);
  if (report.paymentId !== payment.id) throw new CofferError('APP_STATUS_REPORT_REFUSED', `expected a status report for payment ${payment.id}, found one for ${report.paymentId}`);
  if (report.digest !== digest) throw new CofferError('APP_STATUS_REPORT_REFUSED', `expected a status report for payment ${payment.id} with digest ${digest.slice(0, 12)}…, found digest ${report.digest.slice(0, 12)}…`);
}

// Ensure the row says what the signed report says: every column read or sorted by is checked against it.
async function verifiedRow(row: StatusReportRow, payment: Payment, bankKey: JwsVerificationKey, orgId: string | undefined): Promise<PaymentStatusReport> {
  const report = await verifyPaymentStatusReport(row.report, bankKey);
  ensureReportFits(report, payment, orgId);
  const claims: [string, unknown, unknown][] = [
    ['payment', row.payment_id, report.paymentId],
    ['digest', row.digest, report.digest],
    ['status', row.status, report.status],
    ['reason', row.reason, report.reason ?? null],
    ['reported at', row.reported_at, report.at],
  ];
  const differing = claims.filter(([, stored, signed]) => stored !== signed).map(([field]) => field);
  if (differing.length > 0) throw new CofferError('APP_PAYMENT_STATUS_TAMPERED', `stored status report ${row.seq} differs from the bank's signed report in ${differing.join(', ')}`);
  return report;
}

/** A final word of the bank outranks its acceptance, whatever order the rows are in (their seq is not signed). */
const RANK = { accepted: 0, executed: 1, rejected: 1 } as const;

/**
 * What the bank has said of `payment`, from its stored reports verified again now with the bank key, and
 * whether the payment's stored status agrees. A report that no longer verifies or fits, a status the reports
 * do not bear out (`executed` without the bank's report of it, `executed` where the bank reported `rejected`)
 * is `tampered`, logged as APP_PAYMENT_STATUS_TAMPERED: a hand-edited status is never shown as the bank's word.
 * A payment refused at submission is `rejected` with no report: the refusal's code is in its `bank.payment` entry.
 * A payment cancelled here after it was shared, which the bank accepted first, is `reported` with `cancelledHere`.
 */
export async function paymentBankStatusOf(vault: UnlockedVault, bankKey: JwsVerificationKey, payment: Payment): Promise<PaymentBankStatus> {
  const rows = vault.db.prepare('SELECT seq, payment_id, digest, status, reason, reported_at, report FROM payment_status_reports WHERE payment_id = ?').all(payment.id) as StatusReportRow[];
  const orgId = readBankConnection(vault.db)?.orgId;
  let latest: PaymentStatusReport | undefined;
  const problems: string[] = [];
  for (const row of rows) {
    try {
      const report = await verifiedRow(row, payment, bankKey, orgId);
      if (latest === undefined || RANK[report.status] > RANK[latest.status]) latest = report;
    } catch (error) {
      if (!(error instanceof CofferError)) throw error;
      problems.push(`report ${row.seq}: ${error.message}`);
    }
  }
  // A shared payment its maker cancelled here after the gateway had accepted it (APP_ACCEPTED_BEFORE_WITHDRAWAL):
  // the bank's word and this vault's disagree, and both are shown as they are.
  const cancelledHere = latest !== undefined && payment.status === 'cancelled' && vault.db.prepare('SELECT 1 FROM shared_payments WHERE payment_id = ? AND refusal IS NULL').get(payment.id) !== undefined;
  if (problems.length === 0 && latest !== undefined && payment.status !== latest.status && !cancelledHere) problems.push(`stored as ${payment.status}, the bank's latest signed report says ${latest.status}`);
  if (problems.length === 0 && latest === undefined && payment.status === 'executed') problems.push('stored as executed, without the bank\'s signed report of it');
  if (problems.length > 0) {
    vault.record([{ action: 'payments.verify-status', outcome: 'denied', reason: 'APP_PAYMENT_STATUS_TAMPERED', target: payment.id, details: { reports: rows.map((row) => row.seq) } }]);
    return { state: 'tampered', problem: problems.join('; ') };
  }
  if (latest === undefined) return { state: 'none' };
  const reason = latest.reason === undefined ? {} : { reason: latest.reason, reasonName: PAYMENT_REJECTION_REASONS[latest.reason] };
  return { state: 'reported', status: latest.status, ...reason, reportedAt: latest.at, ...(cancelledHere ? { cancelledHere: true as const } : {}) };
}

/**
 * The status a read shows: the stored one, unless the bank's word on the payment is tampered with; then
 * `submitted`: the payment left for the bank, and what the bank said of it cannot be told from this vault.
 */
export function shownStatus(payment: Payment, bank: PaymentBankStatus): Payment['status'] {
  if (bank.state !== 'tampered') return payment.status;
  return 'submitted';
}

import { parsePayment, type Payment } from '../../../domain/index.js';
import type { VaultDatabase } from '../../../vault/index.js';
import { AppError } from '../../dispatch/appError.js';

/** A payment as stored: the domain record plus the account row it debits. */
export interface StoredPayment {
  payment: Payment;
  accountId: string;
}

interface PaymentRow {
  id: string;
  account_id: string;
  debtor_iban: string;
  creditor_name: string;
  creditor_iban: string;
  creditor_bic: string | null;
  amount_minor: number;
  currency: string;
  remittance_info: string;
  execution_date: string;
  expires_at: string;
  status: string;
  version: number;
  created_by: string;
  created_at: string;
}

export const PAYMENT_SELECT = 'SELECT p.*, a.iban AS debtor_iban FROM payments p JOIN accounts a ON a.id = p.account_id';

/** A row read back through the domain schema: a damaged row is refused, never trusted. */
export function paymentFromRow(row: unknown): StoredPayment {
  const r = row as PaymentRow;
  const payment = parsePayment({
    id: r.id,
    debtorIban: r.debtor_iban,
    creditor: { name: r.creditor_name, iban: r.creditor_iban, ...(r.creditor_bic === null ? {} : { bic: r.creditor_bic }) },
    amountMinor: r.amount_minor,
    currency: r.currency,
    remittanceInfo: r.remittance_info,
    executionDate: r.execution_date,
    expiresAt: r.expires_at,
    status: r.status,
    createdBy: r.created_by,
    createdAt: r.created_at,
    version: r.version,
  });
  return { payment, accountId: r.account_id };
}

export function requirePayment(db: VaultDatabase, id: string): StoredPayment {
  const row = db.prepare(`${PAYMENT_SELECT} WHERE p.id = ?`).get(id);
  if (row === undefined) throw new AppError('APP_NOT_FOUND', `expected payment ${id}, found none`);
  return paymentFromRow(row);
}

/** The same payment, unchanged since `version` was read (between preparing and running, a step-up may take a while). */
export function requireUnchangedPayment(db: VaultDatabase, id: string, version: number): StoredPayment {
  const stored = requirePayment(db, id);
  if (stored.payment.version !== version) {
    throw new AppError('APP_STALE', `payment ${id} changed while the command was prepared (version ${version}, now ${stored.payment.version}): try again`);
  }
  return stored;
}

export function insertPayment(db: VaultDatabase, payment: Payment, accountId: string, now: Date): void {
  db.prepare(
    `INSERT INTO payments (id, account_id, payee_id, creditor_name, creditor_iban, creditor_bic, amount_minor, currency, remittance_info,
       execution_date, expires_at, status, version, created_by, created_at, updated_at)
     VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    payment.id,
    accountId,
    payment.creditor.name,
    payment.creditor.iban,
    payment.creditor.bic ?? null,
    payment.amountMinor,
    payment.currency,
    payment.remittanceInfo,
    payment.executionDate,
    payment.expiresAt,
    payment.status,
    payment.version,
    payment.createdBy,
    payment.createdAt,
    now.toISOString(),
  );
}

/** Writes a changed payment if nobody changed it since `previousVersion` (optimistic concurrency), else APP_STALE. */
export function updatePayment(db: VaultDatabase, payment: Payment, accountId: string, previousVersion: number, now: Date): void {
  const result = db
    .prepare(
      `UPDATE payments SET account_id = ?, creditor_name = ?, creditor_iban = ?, creditor_bic = ?, amount_minor = ?, currency = ?,
         remittance_info = ?, execution_date = ?, expires_at = ?, status = ?, version = ?, updated_at = ?
       WHERE id = ? AND version = ?`,
    )
    .run(
      accountId,
      payment.creditor.name,
      payment.creditor.iban,
      payment.creditor.bic ?? null,
      payment.amountMinor,
      payment.currency,
      payment.remittanceInfo,
      payment.executionDate,
      payment.expiresAt,
      payment.status,
      payment.version,
      now.toISOString(),
      payment.id,
      previousVersion,
    );
  if (result.changes !== 1) throw new AppError('APP_STALE', `payment ${payment.id} changed meanwhile (expected version ${previousVersion}): try again`);
}

/** What authorize needs of a payment: the debited account, currency and amount. */
export function paymentResource(payment: Payment): { account: string; currency: string; amountMinor: number } {
  return { account: payment.debtorIban, currency: payment.currency, amountMinor: payment.amountMinor };
}

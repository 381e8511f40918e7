import { formatAmount, parsePayment, type Payment } from '../../../domain/index.js';
import type { VaultDatabase } from '../../../vault/index.js';
import { CofferError } from '../../../contract/index.js';

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
  if (row === undefined) throw new CofferError('APP_NOT_FOUND', `expected payment ${id}, found none`);
  return paymentFromRow(row);
}

/** The same payment, unchanged since `version` was read (between preparing and running, a step-up may take a while). */
export function requireUnchangedPayment(db: VaultDatabase, id: string, version: number): StoredPayment {
  const stored = requirePayment(db, id);
  if (stored.payment.version !== version) {
    throw new CofferError('APP_STALE', `payment ${id} changed while the command was prepared (version ${version}, now ${stored.payment.version}): try again`);
  }
  return stored;
}

/** The stored columns of a payment as named SQL parameters, one mapping for insert and update alike. */
function paymentColumns(payment: Payment, accountId: string, now: Date) {
  return {
    id: payment.id,
    account_id: accountId,
    creditor_name: payment.creditor.name,
    creditor_iban: payment.creditor.iban,
    creditor_bic: payment.creditor.bic ?? null,
    amount_minor: payment.amountMinor,
    currency: payment.currency,
    remittance_info: payment.remittanceInfo,
    execution_date: payment.executionDate,
    expires_at: payment.expiresAt,
    status: payment.status,
    version: payment.version,
    created_by: payment.createdBy,
    created_at: payment.createdAt,
    updated_at: now.toISOString(),
  };
}

export function insertPayment(db: VaultDatabase, payment: Payment, accountId: string, now: Date): void {
  db.prepare(
    `INSERT INTO payments (id, account_id, payee_id, creditor_name, creditor_iban, creditor_bic, amount_minor, currency, remittance_info,
       execution_date, expires_at, status, version, created_by, created_at, updated_at)
     VALUES (@id, @account_id, NULL, @creditor_name, @creditor_iban, @creditor_bic, @amount_minor, @currency, @remittance_info,
       @execution_date, @expires_at, @status, @version, @created_by, @created_at, @updated_at)`,
  ).run(paymentColumns(payment, accountId, now));
}

/** Writes a changed payment if nobody changed it since `previousVersion` (optimistic concurrency), else APP_STALE. */
export function updatePayment(db: VaultDatabase, payment: Payment, accountId: string, previousVersion: number, now: Date): void {
  const { created_by: _createdBy, created_at: _createdAt, ...columns } = paymentColumns(payment, accountId, now);
  const result = db
    .prepare(
      `UPDATE payments SET account_id = @account_id, creditor_name = @creditor_name, creditor_iban = @creditor_iban,
         creditor_bic = @creditor_bic, amount_minor = @amount_minor, currency = @currency, remittance_info = @remittance_info,
         execution_date = @execution_date, expires_at = @expires_at, status = @status, version = @version, updated_at = @updated_at
       WHERE id = @id AND version = @previous_version`,
    )
    .run({ ...columns, previous_version: previousVersion });
  if (result.changes !== 1) throw new CofferError('APP_STALE', `payment ${payment.id} changed meanwhile (expected version ${previousVersion}): try again`);
}

/** What authorize needs of a payment: the debited account, currency and amount. */
export function paymentResource(payment: Payment): { account: string; currency: string; amountMinor: number } {
  return { account: payment.debtorIban, currency: payment.currency, amountMinor: payment.amountMinor };
}

/** A payment's terms as lists show them (api PaymentTermsOut): debited account, payee, amount, day. */
export function paymentTerms(payment: Payment) {
  return {
    debtorIban: payment.debtorIban,
    creditorName: payment.creditor.name,
    creditorIban: payment.creditor.iban,
    amountMinor: payment.amountMinor,
    amount: formatAmount(payment.amountMinor, payment.currency),
    currency: payment.currency,
    executionDate: payment.executionDate,
  };
}

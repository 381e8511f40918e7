import { CofferError } from '../../contract/index.js';
import type { Payment } from './parsePayment.js';

/**
 * Refuses a payment whose validity has passed (its `expiresAt`, which the digest binds): an approval given
 * today could otherwise release an order that went stale a month ago. The maker sets a new execution date,
 * which renews the validity and voids every approval.
 */
export function ensureNotExpired(payment: Pick<Payment, 'id' | 'expiresAt'>, now: Date): void {
  if (now.toISOString() >= payment.expiresAt) {
    throw new CofferError('DOMAIN_PAYMENT_EXPIRED', `payment ${payment.id} expired at ${payment.expiresAt}: set a new execution date (payments edit --date), then submit it again`);
  }
}

/** Refuses an order whose requested execution date has passed: the bank would reject it or pay it late. */
export function ensureExecutionDateAhead(payment: Pick<Payment, 'id' | 'executionDate'>, today: string): void {
  if (payment.executionDate < today) {
    throw new CofferError('DOMAIN_PAST_EXECUTION_DATE', `payment ${payment.id} asks for execution on ${payment.executionDate}, before today (${today}): set a new date (payments edit --date), which needs new approvals`);
  }
}

import { PaymentStatus, type Payment } from './parsePayment.js';
import { CofferError } from '../../contract/index.js';

/**
 * The payment lifecycle (DESIGN.md "Payments and signing"): each status and the statuses it may go
 * to. Cancelling is possible until the file leaves for the bank; after `submitted` only the bank's
 * answer moves it: accepted (or refused), then executed or rejected as its signed status reports say.
 * `executed`, `rejected` and `cancelled` are final.
 */
export const PAYMENT_TRANSITIONS: Readonly<Record<PaymentStatus, readonly PaymentStatus[]>> = {
  draft: ['pending_approval', 'cancelled'],
  pending_approval: ['approved', 'cancelled'],
  approved: ['queued', 'cancelled'],
  queued: ['submitted', 'cancelled'],
  submitted: ['accepted', 'rejected'],
  accepted: ['executed', 'rejected'],
  executed: [],
  rejected: [],
  cancelled: [],
};

/** True when the lifecycle allows going from `from` to `to` in one step. */
export function canTransition(from: PaymentStatus, to: PaymentStatus): boolean {
  return PAYMENT_TRANSITIONS[from]?.includes(to) ?? false;
}

/** True for statuses with no way out: executed, rejected, cancelled. */
export function isFinalStatus(status: PaymentStatus): boolean {
  return PAYMENT_TRANSITIONS[status]?.length === 0;
}

/**
 * The payment moved to status `to`, with its version raised by one. Refuses any step the lifecycle
 * does not allow (including staying put) with DOMAIN_ILLEGAL_TRANSITION. Pure: the input is untouched.
 */
export function transitionPayment(payment: Payment, to: PaymentStatus): Payment {
  const from = payment.status;
  // Ensure both ends are real statuses: a typo must not pass as "no rule forbids it".
  if (!PaymentStatus.safeParse(to).success || !PaymentStatus.safeParse(from).success || !canTransition(from, to)) {
    throw new CofferError('DOMAIN_ILLEGAL_TRANSITION', `cannot go from ${String(from)} to ${String(to)}`);
  }
  return { ...payment, status: to, version: payment.version + 1 };
}

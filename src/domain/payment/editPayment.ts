import { z } from 'zod';
import { parseWith } from '../parseWith.js';
import { ORDER_FIELDS, Payment, PaymentFields, type PaymentStatus } from './parsePayment.js';
import { CofferError } from '../../contract/index.js';

/**
 * What an edit may change: the order itself. Id, status, author, creation time and version are not
 * the editor's to set; passing them is refused.
 */
export const PaymentChanges = PaymentFields.pick(ORDER_FIELDS).partial();
export type PaymentChanges = z.input<typeof PaymentChanges>;

/**
 * Statuses in which a payment may still be edited: it has not left for the bank. An approved payment may
 * be edited too (a new execution date once the old one passed), and the edit voids its approvals.
 */
export const EDITABLE_STATUSES: readonly PaymentStatus[] = ['draft', 'pending_approval', 'approved'];

export interface EditedPayment {
  /** The edited payment, back in `draft`, version raised by one. */
  payment: Payment;
  /** True when approvals may have been collected (pending approval or approved): the caller must discard them. */
  approvalsVoided: boolean;
}

/**
 * Applies changes to a payment that is still a draft or pending approval. The result is always a
 * `draft` again: what was approved is no longer what will be paid, so the maker must resubmit it
 * and every approval collected so far is void (their digests no longer match, and the status says
 * so). Once queued for the bank, a payment is locked: cancel it and create another, so that a queued or
 * exported order can never differ from what its approvers signed. Refuses a locked payment with
 * DOMAIN_PAYMENT_LOCKED and invalid changes with DOMAIN_BAD_PAYMENT.
 */
export function editPayment(payment: Payment, changes: PaymentChanges): EditedPayment {
  if (!EDITABLE_STATUSES.includes(payment.status)) {
    throw new CofferError('DOMAIN_PAYMENT_LOCKED', `expected a payment in ${EDITABLE_STATUSES.join(', ')} to edit, found ${payment.status}: cancel it and make a new one`);
  }
  const checked = parseWith(PaymentChanges, changes, 'DOMAIN_BAD_PAYMENT', 'changes');
  const edited = parseWith(
    Payment,
    { ...payment, ...checked, status: 'draft', version: payment.version + 1 },
    'DOMAIN_BAD_PAYMENT',
    'edited payment',
  );
  return { payment: edited, approvalsVoided: payment.status !== 'draft' };
}

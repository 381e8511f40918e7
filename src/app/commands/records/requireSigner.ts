import { CofferError } from '../../../contract/index.js';
import type { Payment } from '../../../domain/index.js';
import { selectApprovalRule, type OrgPolicy, type SignatureClass } from '../../../policy/index.js';
import { paymentResource } from './paymentRecords.js';

/**
 * The signature class `userId` approves `payment` with, under the payment's own approval rule; refuses the
 * maker (APP_OWN_PAYMENT, four eyes whatever roles she holds), a payment no rule covers
 * (POLICY_NO_APPROVAL_RULE) and a user the rule gives no class or class T (APP_NOT_A_SIGNER).
 */
export function requireSigner(policy: OrgPolicy, userId: string, payment: Payment): Exclude<SignatureClass, 'T'> {
  // Ensure four eyes: whoever made the payment cannot release it, whatever roles they hold.
  if (payment.createdBy === userId) throw new CofferError('APP_OWN_PAYMENT', `payment ${payment.id} was made by you; another approver must sign it`);
  const rule = selectApprovalRule(policy.approvalRules, paymentResource(payment));
  if (rule === undefined) throw new CofferError('POLICY_NO_APPROVAL_RULE', `payment ${payment.id} cannot be approved: no approval rule covers it`);
  const signatureClass = rule.approvers.find((approver) => approver.userId === userId)?.signatureClass;
  if (signatureClass === undefined || signatureClass === 'T') {
    throw new CofferError('APP_NOT_A_SIGNER', `payment ${payment.id}: the approval rule gives you ${signatureClass === 'T' ? 'class T, which never approves' : 'no signature class'}`);
  }
  return signatureClass;
}

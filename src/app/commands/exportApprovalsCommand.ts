import { CofferError } from '../../contract/index.js';
import { implementCommand } from '../dispatch/defineCommand.js';
import { approvalExportBytes, buildApprovalExport } from '../keys/buildApprovalExport.js';
import { keyCeremoniesOf } from '../keys/keyCeremonies.js';
import { verifyApprovals } from '../keys/verifyApprovals.js';
import { paymentResource, requirePayment } from './records/paymentRecords.js';

/**
 * `payments.export-approvals`: a payment's approvals as a coffer-approvals/v1 JSON document (docs/signing.md)
 * that any WebAuthn library verifies alone. Every approval over the payment as it is now is verified first;
 * one that does not verify refuses the export (APP_APPROVAL_TAMPERED, logged), so the file never vouches for a
 * forged row. The file is delivered inside the command's transaction, with its audit entry.
 */
export const exportApprovalsCommand = implementCommand('payments.export-approvals', {
  async prepare(ctx, input) {
    const { payment } = requirePayment(ctx.db, input.id);
    const verified = await verifyApprovals(ctx.vault, ctx.policyState, payment);
    if (verified.tampered.length > 0) {
      const ids = verified.tampered.map((tampered) => tampered.id).join(', ');
      throw new CofferError('APP_APPROVAL_TAMPERED', `payment ${payment.id} carries approvals that do not verify (${ids}): nothing exported`);
    }
    if (verified.counted.length === 0) throw new CofferError('APP_NOTHING_TO_EXPORT', `expected approvals of payment ${payment.id} as it is now, found none`);
    const file = `coffer-approvals-${payment.id}.json`;
    return { resource: paymentResource(payment), target: payment.id, details: { approvals: verified.counted.length, file }, data: { payment, verified, file } };
  },
  run(ctx, _input, { payment, verified, file }) {
    const document = buildApprovalExport(ctx.db, keyCeremoniesOf(ctx.vault).rp, payment, verified.proofs, ctx.now);
    return { file: { name: file, mediaType: 'application/json', bytes: approvalExportBytes(document) }, approvals: document.approvals.length };
  },
});

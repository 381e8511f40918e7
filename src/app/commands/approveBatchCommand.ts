import { paymentDigest } from '../../domain/index.js';
import { CofferError } from '../../contract/index.js';
import { implementCommand } from '../dispatch/defineCommand.js';
import { batchDigestInputs } from '../keys/approvalChallenge.js';
import { loadApprovalBatch } from './records/loadApprovalBatch.js';
import { payeeCheckAudit } from '../payees/payeeCheckRecords.js';
import { paymentResource, requireUnchangedPayment } from './records/paymentRecords.js';
import { recordApproval } from './records/recordApproval.js';
import { requireBatchSigner } from './records/requireBatchSigner.js';
import { requireSigner } from './records/requireSigner.js';

/**
 * `payments.approve-batch`: one approver's one assertion over the batch digest (docs/signing.md) approves each
 * payment of the batch. Each payment then carries its own approval, with the assertion and the batch's digest
 * inputs as evidence, and is decided by its own approval rule: some may become approved, others still wait.
 * Everything or nothing: one payment the user may not approve refuses the batch before a key is asked.
 */
export const approveBatchCommand = implementCommand('payments.approve-batch', {
  async prepare(ctx, input) {
    const batch = await loadApprovalBatch(ctx, input.ids);
    const digest = batch.digest.toString('hex');
    const ids = batch.members.map((member) => member.stored.payment.id);
    return {
      resource: batch.members.map((member) => paymentResource(member.stored.payment)),
      challenge: batch.digest,
      // The batch is the record acted on; its payments are named in the details (and each approval names its payment).
      target: digest,
      // Each payment's payee check as the approver was shown it (outcomes only, no names).
      details: { digest, payments: ids, count: ids.length, payeeChecks: batch.members.map((member) => payeeCheckAudit(member.payeeCheck)) },
      data: batch,
    };
  },
  guard(ctx, _input, batch) {
    requireBatchSigner(ctx, batch);
  },
  run(ctx, _input, batch) {
    const members = batch.members.map((member) => ({ id: member.stored.payment.id, digest: member.digest }));
    const payments = batch.members.map(({ stored, digest, countedIds }) => {
      const { payment, accountId } = requireUnchangedPayment(ctx.db, stored.payment.id, stored.payment.version);
      // Ensure the signature is over each payment as it is now: the digests the batch digest bound.
      if (paymentDigest(payment).toString('hex') !== digest) throw new CofferError('APP_STALE', `payment ${payment.id} changed while the batch was being signed`);
      const signatureClass = requireSigner(ctx.policy, ctx.userId, payment);
      // Each approval keeps the one assertion and what it signed: the batch, and this payment's place in it.
      return recordApproval(ctx, { payment, accountId, digest, signatureClass, countedIds, digestInputs: batchDigestInputs(members, payment) });
    });
    return { digest: batch.digest.toString('hex'), payments };
  },
});

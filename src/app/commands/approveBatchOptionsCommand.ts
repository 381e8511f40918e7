import { formatAmount, sumMoney } from '../../domain/index.js';
import { implementCommand } from '../dispatch/defineCommand.js';
import { activeCredentials } from '../keys/credentialRecords.js';
import { keyCeremoniesOf, stepUpWindowMs } from '../keys/keyCeremonies.js';
import { hardwareKeyRules } from '../keys/policyOf.js';
import { loadApprovalBatch } from './records/loadApprovalBatch.js';
import { paymentResource, paymentTerms } from './records/paymentRecords.js';
import { requireBatchSigner } from './records/requireBatchSigner.js';

/**
 * `payments.approve-batch-options`: what the approver is shown and signs before `payments.approve-batch` —
 * every payment with its payee, the total per currency, and request options whose challenge is the batch
 * digest. Refuses, as the approval would, a batch the user may not approve (her own payment, class T).
 */
export const approveBatchOptionsCommand = implementCommand('payments.approve-batch-options', {
  async prepare(ctx, input) {
    const batch = await loadApprovalBatch(ctx, input.ids);
    return { resource: batch.members.map((member) => paymentResource(member.stored.payment)), target: batch.digest.toString('hex'), data: batch };
  },
  guard(ctx, _input, batch) {
    requireBatchSigner(ctx, batch);
  },
  run(ctx, _input, batch) {
    const ceremonies = keyCeremoniesOf(ctx.vault);
    const payments = batch.members.map(({ stored: { payment }, digest, payeeCheck }) => ({ id: payment.id, ...paymentTerms(payment), digest, payeeCheck }));
    const currencies = [...new Set(payments.map((payment) => payment.currency))].sort();
    const totals = currencies.map((currency) => {
      const mine = payments.filter((payment) => payment.currency === currency);
      const totalMinor = sumMoney(mine.map((payment) => ({ minor: payment.amountMinor, currency })), currency).minor;
      return { currency, amountMinor: totalMinor, amount: formatAmount(totalMinor, currency), count: mine.length };
    });
    const allowCredentials = activeCredentials(ctx.db, ctx.userId).map((key) => ({ id: key.id, type: 'public-key', transports: key.transports }));
    const options = {
      challenge: batch.digest.toString('base64url'),
      rpId: ceremonies.rp.rpId,
      timeout: stepUpWindowMs(hardwareKeyRules(ctx.policyState)),
      userVerification: 'required',
      allowCredentials,
    };
    return { options, digest: batch.digest.toString('hex'), payments, totals };
  },
});

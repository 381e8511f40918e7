import { isoDay } from '../../api/index.js';
import { Currency, editPayment, parseAmount, type PaymentChanges } from '../../domain/index.js';
import { implementCommand } from '../dispatch/defineCommand.js';
import { requireAccount } from './records/accountRecords.js';
import { voidApprovals } from './records/approvalRecords.js';
import { paymentResource, requirePayment, updatePayment } from './records/paymentRecords.js';
import { paymentExpiry } from './paymentExpiry.js';
import { payeeCheckAudit, payeeCheckOf } from '../payees/payeeCheckRecords.js';
import { CofferError } from '../../contract/index.js';

function amountOf(text: string, currency: Currency): number {
  try {
    return parseAmount(text, currency);
  } catch (error) {
    throw new CofferError('APP_BAD_INPUT', `amount: ${(error as Error).message}`);
  }
}

/**
 * `payments.edit`: changes a draft or a payment pending approval. The result is a draft again and every
 * approval collected so far is voided (docs/domain.md): what was signed is no longer what would be paid.
 */
export const editPaymentCommand = implementCommand('payments.edit', {
  async prepare(ctx, input) {
    const stored = requirePayment(ctx.db, input.id);
    const before = stored.payment;
    const account = input.from === undefined ? undefined : requireAccount(ctx.db, input.from);
    const currency = input.currency ?? before.currency;
    if (account !== undefined && account.currency !== currency) {
      throw new CofferError('APP_BAD_INPUT', `currency: expected ${account.currency}, the currency of the debited account, found ${currency}`);
    }
    if (input.date !== undefined && input.date < isoDay(ctx.now)) throw new CofferError('APP_BAD_INPUT', 'date: expected today or later, found an earlier date');
    const changes: PaymentChanges = {
      ...(account ? { debtorIban: account.iban } : {}),
      ...(input.toName || input.toIban || input.toBic
        ? { creditor: { name: input.toName ?? before.creditor.name, iban: input.toIban ?? before.creditor.iban, ...((input.toBic ?? before.creditor.bic) ? { bic: input.toBic ?? before.creditor.bic } : {}) } }
        : {}),
      ...(input.amount !== undefined ? { amountMinor: amountOf(input.amount, currency), currency } : {}),
      ...(input.reference !== undefined ? { remittanceInfo: input.reference } : {}),
      ...(input.date !== undefined ? { executionDate: input.date, expiresAt: paymentExpiry(input.date) } : {}),
    };
    const { payment: after } = editPayment(before, changes);
    // A new payee brings its own check (or none): the entry records what the payment now carries.
    const payeeCheck = payeeCheckAudit(await payeeCheckOf(ctx.vault, ctx.bankKey, after.creditor, after.id));
    const details = { fromVersion: before.version, toVersion: after.version, changed: Object.keys(changes), currency: after.currency, amountMinor: after.amountMinor, payeeCheck };
    return {
      // Both what the payment was and what it becomes must be within the editor's scope.
      resource: [paymentResource(before), paymentResource(after)],
      target: before.id,
      details,
      data: { after, previousVersion: before.version, accountId: account?.id ?? stored.accountId },
    };
  },
  run(ctx, _input, { after, previousVersion, accountId }) {
    updatePayment(ctx.db, after, accountId, previousVersion, ctx.now);
    const approvalsVoided = voidApprovals(ctx.db, after.id, ctx.now);
    return { id: after.id, status: after.status, version: after.version, approvalsVoided };
  },
});

import { isoDay } from '../../api/index.js';
import { parsePayment } from '../../domain/index.js';
import { implementCommand } from '../dispatch/defineCommand.js';
import { requireAccount } from './records/accountRecords.js';
import { newRecordId } from './records/newRecordId.js';
import { insertPayment, paymentResource } from './records/paymentRecords.js';
import { paymentExpiry } from './paymentExpiry.js';
import { payeeCheckAudit, payeeCheckOf } from '../payees/payeeCheckRecords.js';
import { CofferError } from '../../contract/index.js';

/** `payments.create`: a draft credit transfer from one of the organisation's accounts. */
export const createPaymentCommand = implementCommand('payments.create', {
  async prepare(ctx, input) {
    const account = requireAccount(ctx.db, input.from);
    if (input.currency !== account.currency) {
      throw new CofferError('APP_BAD_INPUT', `currency: expected ${account.currency}, the currency of the debited account, found ${input.currency}`);
    }
    const today = isoDay(ctx.now);
    const executionDate = input.date ?? today;
    if (executionDate < today) throw new CofferError('APP_BAD_INPUT', `date: expected today (${today}) or later, found an earlier date`);
    const payment = parsePayment({
      id: newRecordId(),
      debtorIban: account.iban,
      creditor: { name: input.toName, iban: input.toIban, ...(input.toBic ? { bic: input.toBic } : {}) },
      amountMinor: input.amountMinor,
      currency: input.currency,
      remittanceInfo: input.reference ?? '',
      executionDate,
      expiresAt: paymentExpiry(executionDate),
      status: 'draft',
      createdBy: ctx.userId,
      createdAt: ctx.now.toISOString(),
      version: 1,
    });
    // The maker's entry records what the bank said of the payee when the payment was made (not the names).
    const payeeCheck = payeeCheckAudit(await payeeCheckOf(ctx.vault, ctx.bankKey, payment.creditor));
    const details = { currency: payment.currency, amountMinor: payment.amountMinor, executionDate, creditorCountry: payment.creditor.iban.slice(0, 2), payeeCheck };
    return { resource: paymentResource(payment), target: payment.id, details, data: { payment, accountId: account.id } };
  },
  run(ctx, _input, { payment, accountId }) {
    insertPayment(ctx.db, payment, accountId, ctx.now);
    return { id: payment.id, status: payment.status, version: payment.version };
  },
});

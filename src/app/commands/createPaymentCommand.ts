import { z } from 'zod';
import { Currency, IsoDate, PartyName, parsePayment, RemittanceInfo } from '../../domain/index.js';
import { AppError } from '../dispatch/appError.js';
import { defineCommand } from '../dispatch/defineCommand.js';
import { AmountText, BicInput, IbanInput, amountIn, isoDay } from './fields.js';
import { requireAccount } from './records/accountRecords.js';
import { newRecordId } from './records/newRecordId.js';
import { insertPayment, paymentResource } from './records/paymentRecords.js';
import { paymentExpiry } from './paymentExpiry.js';

const Input = z
  .strictObject({
    /** The debited account: one of the organisation's. */
    from: IbanInput,
    toName: PartyName,
    toIban: IbanInput,
    toBic: BicInput.optional(),
    amount: AmountText,
    currency: Currency,
    reference: RemittanceInfo.optional(),
    /** Requested execution date; today when absent. */
    date: IsoDate.optional(),
  })
  .transform((input, ctx) => ({ ...input, amountMinor: amountIn(input.amount, input.currency, ctx, 'amount') }));

/** `payments.create`: a draft credit transfer from one of the organisation's accounts. */
export const createPaymentCommand = defineCommand({
  name: 'payments.create',
  permission: 'payments:create',
  summary: 'a draft payment from an account of the organisation; prints its id',
  input: Input,
  stepUp: false,
  changes: true,
  prepare(ctx, input) {
    const account = requireAccount(ctx.db, input.from);
    if (input.currency !== account.currency) {
      throw new AppError('APP_BAD_INPUT', `currency: expected ${account.currency}, the currency of the debited account, found ${input.currency}`);
    }
    const today = isoDay(ctx.now);
    const executionDate = input.date ?? today;
    if (executionDate < today) throw new AppError('APP_BAD_INPUT', `date: expected today (${today}) or later, found an earlier date`);
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
    const details = { currency: payment.currency, amountMinor: payment.amountMinor, executionDate, creditorCountry: payment.creditor.iban.slice(0, 2) };
    return { resource: paymentResource(payment), target: payment.id, details, data: { payment, accountId: account.id } };
  },
  run(ctx, _input, { payment, accountId }) {
    insertPayment(ctx.db, payment, accountId, ctx.now);
    return { id: payment.id, status: payment.status, version: payment.version };
  },
});

import { z } from 'zod';
import { Currency, IsoDate, PartyName, PaymentId, PaymentStatus, RemittanceInfo } from '../domain/values.js';
import { commandSpec } from './commandSpec.js';
import { AmountText, BicInput, IbanInput, amountIn } from './fields.js';

/** Where a payment now stands after a command moved it. */
const Moved = z.strictObject({ id: PaymentId, status: PaymentStatus, version: z.number().int() });
const ById = z.strictObject({ id: PaymentId });

export const paymentsCreate = commandSpec({
  name: 'payments.create',
  permission: 'payments:create',
  summary: 'a draft payment from an account of the organisation; prints its id',
  input: z.strictObject({
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
  }).transform((input, ctx) => ({ ...input, amountMinor: amountIn(input.amount, input.currency, ctx, 'amount') })),
  output: Moved,
  stepUp: 'never',
  changes: true,
});

export const paymentsEdit = commandSpec({
  name: 'payments.edit',
  permission: 'payments:edit',
  summary: 'change a draft or pending payment; it returns to draft and its approvals are voided',
  input: z
    .strictObject({
      id: PaymentId,
      from: IbanInput.optional(),
      toName: PartyName.optional(),
      toIban: IbanInput.optional(),
      toBic: BicInput.optional(),
      amount: AmountText.optional(),
      currency: Currency.optional(),
      reference: RemittanceInfo.optional(),
      date: IsoDate.optional(),
    })
    .refine((input) => Object.keys(input).length > 1, { message: 'expected at least one change besides id' })
    // Minor units mean different sums in different currencies: a new currency needs its amount restated.
    .refine((input) => input.currency === undefined || input.amount !== undefined, { path: ['amount'], message: 'expected the amount again when the currency changes' }),
  output: Moved.extend({ approvalsVoided: z.number().int() }),
  stepUp: 'never',
  changes: true,
});

export const paymentsCancel = commandSpec({
  name: 'payments.cancel',
  permission: 'payments:cancel',
  summary: 'cancel a payment that has not been submitted to the bank',
  input: ById,
  output: Moved,
  stepUp: 'never',
  changes: true,
});

export const paymentsSubmit = commandSpec({
  name: 'payments.submit',
  permission: 'payments:submit',
  summary: 'hand a draft to the approvers (draft → pending_approval)',
  input: ById,
  output: Moved,
  stepUp: 'never',
  changes: true,
});

/** Where one payment stands after an approval: its status, the signer's class, and what is still missing. */
export const ApprovalOutcome = z.strictObject({
  id: PaymentId,
  status: PaymentStatus,
  signatureClass: z.string().nullable(),
  executable: z.boolean(),
  /** The ways the approval rule could still be met, e.g. ['B'] or ['E', 'A+A', 'A+B']. */
  missing: z.array(z.string()),
});

export const paymentsApprove = commandSpec({
  name: 'payments.approve',
  permission: 'payments:approve',
  summary: 'approve a pending payment with a hardware-key step-up; approved once the signature classes suffice',
  input: ById,
  output: ApprovalOutcome,
  stepUp: 'always',
  changes: true,
});

export { Moved as PaymentMoved };

import { z } from 'zod';
import { Creditor, Currency, IsoDate, PaymentId, PaymentStatus, Timestamp, UserId } from '../domain/values.js';
import { AmountOut } from './bankingQueries.js';
import { commandSpec } from './commandSpec.js';
import { PayeeCheckView } from './payeeCheckCommands.js';
import { FileOutput, IbanInput, PageLimit } from './fields.js';

/**
 * What the bank said of a payment after it was sent, from its signed status reports verified again at each
 * read: nothing yet, its latest report (with the ISO 20022 reason of a rejection and the reason's ISO name),
 * or `tampered` when the stored reports or the payment's stored status are not what the bank signed.
 */
export const PaymentBankStatus = z.discriminatedUnion('state', [
  z.strictObject({ state: z.literal('none') }),
  z.strictObject({
    state: z.literal('reported'),
    status: z.enum(['accepted', 'executed', 'rejected']),
    reason: z.string().optional(),
    reasonName: z.string().optional(),
    reportedAt: Timestamp,
    /** The maker cancelled it here after sharing it, too late: the gateway had accepted it, and the bank's word is this report. */
    cancelledHere: z.literal(true).optional(),
  }),
  z.strictObject({ state: z.literal('tampered'), problem: z.string() }),
]);
export type PaymentBankStatus = z.infer<typeof PaymentBankStatus>;

/** A payment's terms as lists show them: the account it debits, whom it pays, how much and on which day. */
export const PaymentTermsOut = {
  debtorIban: z.string(),
  creditorName: z.string(),
  creditorIban: z.string(),
  ...AmountOut,
  currency: Currency,
  executionDate: IsoDate,
};

export const paymentsList = commandSpec({
  name: 'payments.list',
  permission: 'payments:read',
  summary: 'payments, newest first, filtered by status or account',
  input: z.strictObject({ status: PaymentStatus.optional(), account: IbanInput.optional(), limit: PageLimit(1000, 100) }),
  output: z.strictObject({
    payments: z.array(
      z.strictObject({
        id: PaymentId,
        status: PaymentStatus,
        ...PaymentTermsOut,
        createdBy: UserId,
        version: z.number().int(),
        bank: PaymentBankStatus,
      }),
    ),
  }),
  stepUp: 'never',
  changes: false,
});

export const paymentsShow = commandSpec({
  name: 'payments.show',
  permission: 'payments:read',
  summary: 'one payment with its digest, approvals and approval status (executable, or which signatures are missing)',
  input: z.strictObject({ id: PaymentId }),
  output: z.strictObject({
    payment: z.strictObject({
      id: PaymentId,
      debtorIban: z.string(),
      creditor: Creditor,
      ...AmountOut,
      currency: Currency,
      remittanceInfo: z.string(),
      executionDate: IsoDate,
      expiresAt: Timestamp,
      status: PaymentStatus,
      createdBy: UserId,
      createdAt: Timestamp,
      version: z.number().int(),
    }),
    /** SHA-256 payment digest (hex) that approvals sign (docs/signing.md). */
    digest: z.string(),
    /** Verification of Payee for the creditor's IBAN and name, shown before anyone signs. */
    payeeCheck: PayeeCheckView,
    /** What the bank reported of the payment once sent (signed status reports, verified at this read). */
    bank: PaymentBankStatus,
    approvals: z.array(
      z.strictObject({
        id: z.string(),
        userId: UserId,
        paymentVersion: z.number().int(),
        paymentDigest: z.string(),
        signatureClass: z.string().nullable(),
        createdAt: Timestamp,
        voidedAt: Timestamp.nullable(),
        /** Not voided, over the payment as it is now, and its stored hardware-key assertion verifies. */
        counts: z.boolean(),
        /** Why an approval over the current payment counts for nothing (no valid assertion: tampering). */
        problem: z.string().optional(),
      }),
    ),
    approval: z
      .strictObject({ executable: z.boolean(), missing: z.array(z.string()), reason: z.string().nullable(), message: z.string().nullable() })
      .nullable(),
  }),
  stepUp: 'never',
  changes: false,
});

export const paymentsExport = commandSpec({
  name: 'payments.export',
  permission: 'payments:export',
  summary: 'approved payments of a currency as a pain.001.001.09 file; they become queued',
  input: z.strictObject({
    format: z.literal('pain.001').default('pain.001'),
    /** One currency per file; may be left out when the approved payments are all in one currency. */
    currency: Currency.optional(),
    /** Needed only when approved payments of the currency debit more than one account (one debtor per file). */
    account: IbanInput.optional(),
  }),
  output: z.strictObject({
    file: FileOutput,
    format: z.literal('pain.001'),
    messageId: z.string(),
    currency: Currency,
    count: z.number().int(),
    totalMinor: z.number().int(),
    payments: z.array(PaymentId),
  }),
  stepUp: 'never',
  changes: true,
  long: true,
});

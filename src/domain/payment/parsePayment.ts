import { z } from 'zod';
import { Iban } from '../account/parseIban.js';
import { Bic } from '../account/parseBic.js';
import { Currency, maxAmountMinor } from '../money/currency.js';
import { parseWith } from '../parseWith.js';
import { IsoDate, PartyName, PaymentId, RemittanceInfo, Timestamp, UserId } from './fields.js';

/** Where a payment is in its life (DESIGN.md "Payments and signing"); see transitionPayment. */
export const PaymentStatus = z.enum([
  'draft',
  'pending_approval',
  'approved',
  'queued',
  'submitted',
  'accepted',
  'executed',
  'rejected',
  'cancelled',
]);
export type PaymentStatus = z.infer<typeof PaymentStatus>;

/** The party paid: name, IBAN and optional BIC, as they go into the bank file. */
export const Creditor = z.strictObject({ name: PartyName, iban: Iban, bic: Bic.optional() });
export type Creditor = z.infer<typeof Creditor>;

/** The fields of a payment without the rules that tie fields together (see Payment). */
export const PaymentFields = z.strictObject({
  id: PaymentId,
  debtorIban: Iban,
  creditor: Creditor,
  /** Integer minor units of `currency`, at least 1 and at most 999,999,999,999 and all decimals at 9. */
  amountMinor: z.number().int().positive(),
  currency: Currency,
  remittanceInfo: RemittanceInfo,
  executionDate: IsoDate,
  expiresAt: Timestamp,
  status: PaymentStatus,
  createdBy: UserId,
  createdAt: Timestamp,
  /** Starts at 1; every transition and edit adds one (optimistic concurrency for the stores). */
  version: z.number().int().positive(),
});

/**
 * The order itself: what is paid, to whom, from where and when. An edit may change exactly these, and the
 * payment digest binds exactly these (with the id); status, authorship and version move on their own.
 */
export const ORDER_FIELDS = {
  debtorIban: true,
  creditor: true,
  amountMinor: true,
  currency: true,
  remittanceInfo: true,
  executionDate: true,
  expiresAt: true,
} as const;

interface CrossFieldView {
  amountMinor: number;
  currency: Currency;
  debtorIban?: string;
  creditor?: { iban: string };
  createdAt?: string;
  expiresAt?: string;
}

/** The rules between fields, shared by Payment and the digest input. */
export function checkPaymentRules(payment: CrossFieldView, ctx: z.RefinementCtx): void {
  const max = maxAmountMinor(payment.currency);
  if (payment.amountMinor > max) {
    ctx.addIssue({ code: 'custom', path: ['amountMinor'], message: `expected at most ${max} minor units of ${payment.currency}, found more` });
  }
  if (payment.debtorIban !== undefined && payment.debtorIban === payment.creditor?.iban) {
    ctx.addIssue({ code: 'custom', path: ['creditor', 'iban'], message: 'expected a creditor account other than the debtor account, found the same' });
  }
  // ISO timestamps of one fixed format sort as text.
  if (payment.createdAt !== undefined && payment.expiresAt !== undefined && payment.expiresAt <= payment.createdAt) {
    ctx.addIssue({ code: 'custom', path: ['expiresAt'], message: 'expected an expiry after the creation time, found one at or before it' });
  }
}

/** A credit transfer order of the organisation, from draft to the bank's answer. */
export const Payment = PaymentFields.superRefine(checkPaymentRules);
export type Payment = z.infer<typeof Payment>;

/** Checks an untrusted payment record; refuses it with DOMAIN_BAD_PAYMENT naming the field. */
export function parsePayment(input: unknown): Payment {
  return parseWith(Payment, input, 'DOMAIN_BAD_PAYMENT', 'payment');
}

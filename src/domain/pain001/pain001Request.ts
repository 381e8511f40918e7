import { z } from 'zod';
import { isSEPACountry } from 'ibantools';
import { Iban } from '../account/parseIban.js';
import { Bic } from '../account/parseBic.js';
import { parseWith } from '../parseWith.js';
import { PartyName, Timestamp } from '../payment/fields.js';
import { Payment, type PaymentStatus } from '../payment/parsePayment.js';
import { CofferError } from '../../contract/index.js';

/** Only approved orders leave for the bank; `queued` ones are being sent, so a re-export is allowed. */
export const EXPORTABLE_STATUSES: readonly PaymentStatus[] = ['approved', 'queued'];

/** EPC132-08 SCT C2PSP: one transaction is at most 999,999,999.99 EUR (AT-T002 usage rule). */
export const SEPA_MAX_AMOUNT_MINOR = 99_999_999_999;

/** What a pain.001 file is built from. */
export const Pain001Request = z.strictObject({
  /** MsgId: unique per file for the bank's duplicate check; ≤ 30 so that PmtInfId "<MsgId>-<n>" fits Max35Text. */
  messageId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.:-]{0,29}$/, 'expected 1 to 30 letters, digits and .:-'),
  createdAt: Timestamp,
  initiatingParty: z.strictObject({ name: PartyName }),
  debtor: z.strictObject({ name: PartyName, iban: Iban, bic: Bic.optional() }),
  payments: z.array(Payment).min(1).max(100_000),
  /** BtchBookg: one debit for each payment group (true, the default) or one per transaction. */
  batchBooking: z.boolean().default(true),
});
export type Pain001Request = z.input<typeof Pain001Request>;
export type CheckedPain001Request = z.output<typeof Pain001Request>;

function refuse(message: string): never {
  throw new CofferError('DOMAIN_BAD_EXPORT', message);
}

/**
 * The request checked: every payment approved, from the debtor's account, once, in one currency;
 * for EUR also within the SEPA amount limit and between SEPA accounts. Refuses with
 * DOMAIN_BAD_EXPORT, or DOMAIN_CURRENCY_MISMATCH for mixed currencies.
 */
export function checkPain001Request(input: Pain001Request): CheckedPain001Request {
  const request = parseWith(Pain001Request, input, 'DOMAIN_BAD_EXPORT', 'pain.001 request');
  const currency = request.payments[0]?.currency;
  const ids = new Set<string>();
  request.payments.forEach((payment, index) => {
    const at = `payments[${index}]`;
    // Ensure nothing unapproved reaches the bank, whatever the caller selected.
    if (!EXPORTABLE_STATUSES.includes(payment.status)) refuse(`expected ${at} approved or queued, found ${payment.status}`);
    if (payment.debtorIban !== request.debtor.iban) refuse(`expected ${at} from the debtor account, found another account`);
    if (ids.has(payment.id)) refuse(`expected distinct payment ids (EndToEndId), found ${payment.id} twice`);
    ids.add(payment.id);
    if (payment.currency !== currency) {
      throw new CofferError('DOMAIN_CURRENCY_MISMATCH', `expected ${at} in ${currency}, found ${payment.currency}`);
    }
    if (currency === 'EUR') {
      if (payment.amountMinor > SEPA_MAX_AMOUNT_MINOR) refuse(`expected ${at} at most 999999999.99 EUR for SEPA, found more`);
      if (!isSEPACountry(payment.creditor.iban.slice(0, 2))) {
        refuse(`expected ${at} to a SEPA account for a EUR credit transfer, found one in ${payment.creditor.iban.slice(0, 2)}`);
      }
    }
  });
  if (currency === 'EUR' && !isSEPACountry(request.debtor.iban.slice(0, 2))) {
    refuse(`expected a debtor account in a SEPA country, found one in ${request.debtor.iban.slice(0, 2)}`);
  }
  return request;
}

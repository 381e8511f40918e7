import { z } from 'zod';
import { Iban } from '../account/parseIban.js';
import { Currency, maxAmountMinor } from '../money/currency.js';
import { IsoDate, textProblem } from '../payment/fields.js';

const importedText = (max: number) =>
  z
    .string()
    .max(max)
    .superRefine((value, ctx) => {
      const problem = textProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

/** One booked line of an account statement. */
export const StatementEntry = z
  .strictObject({
    /** The bank's unique reference of the booking (camt AcctSvcrRef, else NtryRef): the de-duplication key. */
    entryRef: importedText(128).min(1),
    bookingDate: IsoDate,
    valueDate: IsoDate.nullable(),
    /** Integer minor units: positive for credits (money in), negative for debits (money out). */
    amountMinor: z.number().int(),
    currency: Currency,
    counterpartyName: importedText(140).nullable(),
    counterpartyIban: Iban.nullable(),
    remittanceInfo: importedText(1000),
  })
  .superRefine((entry, ctx) => {
    if (Math.abs(entry.amountMinor) > maxAmountMinor(entry.currency)) {
      ctx.addIssue({ code: 'custom', path: ['amountMinor'], message: `expected at most ${maxAmountMinor(entry.currency)} minor units, found more` });
    }
  });
export type StatementEntry = z.infer<typeof StatementEntry>;

/** One account's statement: which account, in which currency, and its booked entries. */
export const Statement = z.strictObject({
  statementId: importedText(128).min(1),
  accountIban: Iban,
  currency: Currency,
  entries: z.array(StatementEntry),
});
export type Statement = z.infer<typeof Statement>;

/**
 * Text from a bank file as Coffer keeps it: NFC, runs of white space (line breaks inside a name or
 * remittance line) folded to one space, trimmed. Control characters other than white space and
 * bidirectional overrides stay, so that the schema refuses them.
 */
export function cleanImportedText(value: string): string {
  return value.normalize('NFC').replace(/[ \t\r\n]+/g, ' ').trim();
}

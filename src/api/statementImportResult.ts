import { z } from 'zod';

/*
 * What `statements.import` answers, per statement of the file. Amounts come as integer minor units for
 * machines and as text formatted in their currency for people; IBANs as plain strings.
 */

/** One comparison of a statement with itself (docs/domain.md "Reconciliation"). */
export const ReconciliationCheckOut = z.strictObject({
  /** entry-count, entry-sum, net-sum, credit-count, credit-sum, debit-count, debit-sum, entry-currency, balance, running-balance. */
  check: z.string(),
  ok: z.boolean(),
  /** What the file states (its summary, its closing balance): minor units, or a count when `currency` is null. */
  expected: z.number().int(),
  /** What its entries give (the opening balance plus them, for `balance`). */
  found: z.number().int(),
  currency: z.string().nullable(),
  /** `expected` and `found` as people read them: amounts with their currency's decimals, counts as numbers. */
  expectedText: z.string(),
  foundText: z.string(),
  /** In words, without amounts. */
  message: z.string(),
});

export const ReconciliationOut = z.strictObject({
  /** differs: at least one check failed; reconciled: all passed; unchecked: the file gave nothing to check against. */
  status: z.enum(['reconciled', 'differs', 'unchecked']),
  checks: z.array(ReconciliationCheckOut),
  /** What could not be checked, and why ("no opening balance (OPBD or PRCD)"). */
  notChecked: z.array(z.string()),
});

/** Entries of one statement not booked, grouped by why (and by where they were booked before). */
export const SkippedGroupOut = z.strictObject({
  /** ALREADY_BOOKED by an earlier import; REPEATED_IN_IMPORT earlier in this file; NOT_BOOKED by the bank (PDNG, INFO …). */
  reason: z.enum(['ALREADY_BOOKED', 'REPEATED_IN_IMPORT', 'NOT_BOOKED']),
  count: z.number().int(),
  /** Their positions in this statement, as ranges: "1–2, 5". */
  entries: z.string(),
  /** NOT_BOOKED: the status the bank gave them. */
  status: z.string().nullable(),
  /** ALREADY_BOOKED, REPEATED_IN_IMPORT: the statement (or file) they were booked from, and the positions there. */
  from: z.strictObject({ statementId: z.string().nullable(), file: z.string().nullable(), entries: z.string() }).nullable(),
  /** "2 already booked from statement RPT-0612 entries 1–2", "1 not booked (PDNG)". */
  message: z.string(),
});

export const ImportWarningOut = z.strictObject({ code: z.string(), where: z.string(), message: z.string() });

/** How a CSV file was read, for the user to check: the dialect, and which column became which field. */
export const CsvMappingOut = z.strictObject({
  dialect: z.string(),
  dialectName: z.string(),
  encoding: z.string(),
  delimiter: z.string(),
  decimal: z.string(),
  headerLine: z.number().int().nullable(),
  columns: z.array(z.strictObject({ field: z.string(), index: z.number().int(), header: z.string().nullable() })),
  /** Text cells a spreadsheet would run as formulas: kept as text, neutralised on any export. */
  formulaCells: z.array(z.strictObject({ line: z.number().int(), column: z.number().int(), header: z.string().nullable() })),
});

const MoneyOut = z.strictObject({ amountMinor: z.number().int(), amount: z.string(), currency: z.string() });

export const StatementResultOut = z.strictObject({
  /** Where in the file: the ZIP member (null for a plain file) and the statement's index in it. */
  source: z.strictObject({ member: z.string().nullable(), index: z.number().int() }),
  /** camt.053.001.08, camt.052.001.02, mt940, mt942, csv:sparkasse-camt … */
  format: z.string(),
  kind: z.enum(['statement', 'report', 'notification']),
  statementId: z.string().nullable(),
  messageId: z.string().nullable(),
  electronicSequence: z.string().nullable(),
  legalSequence: z.string().nullable(),
  period: z.strictObject({ from: z.string().nullable(), to: z.string().nullable() }),
  /** The organisation's account booked on, and how the file named it. */
  account: z.strictObject({
    iban: z.string(),
    currency: z.string(),
    name: z.string(),
    matchedBy: z.enum(['iban', 'other-id', 'derived-iban', 'input']),
  }),
  /** Entries in the file; those booked now; the net of those in the account's currency. */
  entries: z.number().int(),
  imported: z.number().int(),
  importedNet: MoneyOut,
  /** Booked entries in another currency than the account's: booked in their own currency, not added to its balance. */
  otherCurrency: z.number().int(),
  skipped: z.array(SkippedGroupOut),
  reconciliation: ReconciliationOut,
  /** True when the statement differs and was booked because the caller accepted that. */
  acceptedUnreconciled: z.boolean(),
  warnings: z.array(ImportWarningOut),
  /** CSV only. */
  csv: CsvMappingOut.nullable(),
});

export const StatementsImportOut = z.strictObject({
  file: z.string(),
  container: z.enum(['file', 'zip']),
  imported: z.number().int(),
  skipped: z.number().int(),
  /** Statements that do not reconcile with themselves (booked only when accepted). */
  differing: z.number().int(),
  statements: z.array(StatementResultOut),
  /** Per account booked on: bookings made and its balance after them. */
  accounts: z.array(z.strictObject({ iban: z.string(), imported: z.number().int(), balance: MoneyOut })),
});

/** What the app computes for each part of the answer (the types the schemas above describe). */
export type StatementsImportResult = z.infer<typeof StatementsImportOut>;
export type StatementImportResult = z.infer<typeof StatementResultOut>;
export type ReconciliationView = z.infer<typeof ReconciliationOut>;
export type SkippedGroup = z.infer<typeof SkippedGroupOut>;

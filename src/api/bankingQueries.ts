import { z } from 'zod';
import { Currency, IsoDate, PartyName } from '../domain/values.js';
import { commandSpec } from './commandSpec.js';
import { PayeeCheckView } from './payeeCheckCommands.js';
import { AmountText, BicInput, FileOutput, IbanInput, PageLimit } from './fields.js';

/** An amount as the app answers it: integer minor units for machines, formatted text for people. */
const AmountOut = { amountMinor: z.number().int(), amount: z.string() };

export const accountsList = commandSpec({
  name: 'accounts.list',
  permission: 'accounts:read',
  summary: 'each account with IBAN, currency and balance',
  input: z.strictObject({}),
  output: z.strictObject({
    accounts: z.array(
      z.strictObject({ iban: z.string(), bic: z.string().nullable(), name: z.string(), currency: Currency, balanceMinor: z.number().int(), balance: z.string() }),
    ),
  }),
  stepUp: 'never',
  changes: false,
});

/** Which bookings: the filters `transactions.list` and `transactions.export` share. */
const TransactionFilter = {
  account: IbanInput.optional(),
  currency: Currency.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  /** Bounds on the booking's size (absolute value), in the account's or the given currency. */
  minAmount: AmountText.optional(),
  maxAmount: AmountText.optional(),
  direction: z.enum(['credit', 'debit']).optional(),
  /** Found in the counterparty name, remittance, additional information, posting text or a reference (case-insensitive). */
  text: z.string().min(1).max(100).optional(),
};

const datesInOrder = (input: { from?: string; to?: string }) => input.from === undefined || input.to === undefined || input.from <= input.to;

export const transactionsList = commandSpec({
  name: 'transactions.list',
  permission: 'transactions:read',
  summary: 'statement bookings filtered by account, dates, amount, direction and text; paged',
  input: z
    .strictObject({
      ...TransactionFilter,
      limit: PageLimit(1000, 50),
      offset: z.number().int().min(0).max(10_000_000).default(0),
    })
    .refine(datesInOrder, { path: ['to'], message: 'expected a date on or after from' }),
  output: z.strictObject({
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
    transactions: z.array(
      z.strictObject({
        account: z.string(),
        /** The bank's reference of the booking (camt AcctSvcrRef, MT940 bank reference); banks may repeat it or give none. */
        entryRef: z.string().nullable(),
        bookingDate: IsoDate,
        valueDate: IsoDate.nullable(),
        ...AmountOut,
        currency: Currency,
        /** True when the booking reverses an earlier one (a return, a storno). */
        reversal: z.boolean(),
        counterpartyName: z.string().nullable(),
        counterpartyIban: z.string().nullable(),
        remittanceInfo: z.string(),
        /** camt AddtlNtryInf; the text to show when there is no remittance. */
        additionalInfo: z.string().nullable(),
        /** MT940 ?00, CSV Buchungstext: the bank's name for the kind of booking. */
        postingText: z.string().nullable(),
        endToEndId: z.string().nullable(),
        /** The statement the booking was imported from (camt Stmt/Id, MT940 :20:/:28C:), if it named one. */
        statementId: z.string().nullable(),
      }),
    ),
  }),
  stepUp: 'never',
  changes: false,
});

export const transactionsExport = commandSpec({
  name: 'transactions.export',
  permission: 'transactions:read',
  summary: 'the filtered bookings as a CSV file (newest first; text cells a spreadsheet would run as formulas are neutralised); audited',
  input: z.strictObject({ ...TransactionFilter, format: z.literal('csv').default('csv') }).refine(datesInOrder, { path: ['to'], message: 'expected a date on or after from' }),
  output: z.strictObject({ file: FileOutput, count: z.number().int() }),
  stepUp: 'never',
  // Nothing in the vault changes, but data leaves it: the export is an audit entry like any change.
  changes: true,
});

const PayeeOut = z.strictObject({
  id: z.string(),
  name: z.string(),
  iban: z.string(),
  bic: z.string().nullable(),
  /** Other payees with the same name (case, spaces and punctuation aside) but another IBAN: check before paying. */
  sameNameOtherIban: z.array(z.strictObject({ id: z.string(), iban: z.string() })),
});

export const payeesAdd = commandSpec({
  name: 'payees.add',
  permission: 'payees:write',
  summary: 'add a beneficiary (name, IBAN, optional BIC) to the payee list',
  input: z.strictObject({ name: PartyName, iban: IbanInput, bic: BicInput.optional() }),
  output: PayeeOut,
  stepUp: 'never',
  changes: true,
});

export const payeesList = commandSpec({
  name: 'payees.list',
  permission: 'payees:read',
  summary: 'the payee list',
  input: z.strictObject({}),
  /** Each payee with the bank's latest Verification of Payee answer for its IBAN and name. */
  output: z.strictObject({ payees: z.array(PayeeOut.extend({ payeeCheck: PayeeCheckView })) }),
  stepUp: 'never',
  changes: false,
});

export { AmountOut };

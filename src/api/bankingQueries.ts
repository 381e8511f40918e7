import { z } from 'zod';
import { Currency, IsoDate, PartyName } from '../domain/values.js';
import { commandSpec } from './commandSpec.js';
import { AmountText, BicInput, IbanInput, PageLimit } from './fields.js';

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

export const transactionsList = commandSpec({
  name: 'transactions.list',
  permission: 'transactions:read',
  summary: 'statement bookings filtered by account, dates, amount, direction and text; paged',
  input: z
    .strictObject({
      account: IbanInput.optional(),
      currency: Currency.optional(),
      from: IsoDate.optional(),
      to: IsoDate.optional(),
      /** Bounds on the booking's size (absolute value), in the account's or the given currency. */
      minAmount: AmountText.optional(),
      maxAmount: AmountText.optional(),
      direction: z.enum(['credit', 'debit']).optional(),
      /** Found in the counterparty name, remittance information or entry reference (case-insensitive). */
      text: z.string().min(1).max(100).optional(),
      limit: PageLimit(1000, 50),
      offset: z.number().int().min(0).max(10_000_000).default(0),
    })
    .refine((input) => input.from === undefined || input.to === undefined || input.from <= input.to, { path: ['to'], message: 'expected a date on or after from' }),
  output: z.strictObject({
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
    transactions: z.array(
      z.strictObject({
        account: z.string(),
        entryRef: z.string(),
        bookingDate: IsoDate,
        valueDate: IsoDate.nullable(),
        ...AmountOut,
        currency: Currency,
        counterpartyName: z.string().nullable(),
        counterpartyIban: z.string().nullable(),
        remittanceInfo: z.string(),
      }),
    ),
  }),
  stepUp: 'never',
  changes: false,
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
  output: z.strictObject({ payees: z.array(PayeeOut) }),
  stepUp: 'never',
  changes: false,
});

export { AmountOut };

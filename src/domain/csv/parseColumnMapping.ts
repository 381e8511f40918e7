import type { Currency } from '../money/currency.js';
import { knownCurrency } from '../statement/knownCurrency.js';
import { CSV_FIELDS, type CsvField } from './csvMapping.js';
import { CofferError } from '../../contract/index.js';

/**
 * A user's CSV mapping: which column holds what (1-based index, or the header's text), and the
 * choices detection would otherwise make.
 */
export interface CsvColumnsOption {
  columns: Partial<Record<CsvField, number | string>>;
  /** Decimal separator of amounts; detected from the amount column when absent. */
  decimal?: ',' | '.';
  /** Whether the table starts with a header row; detected when absent. */
  header?: boolean;
  /** Currency of every row when the file has no currency column. */
  currency?: Currency;
}

// Short names people type, besides the field names themselves.
const ALIASES: Record<string, CsvField> = {
  date: 'bookingDate', booking: 'bookingDate', buchungstag: 'bookingDate', value: 'valueDate', valuta: 'valueDate',
  betrag: 'amount', soll: 'debit', haben: 'credit', sign: 'creditDebitMark', mark: 'creditDebitMark', ccy: 'currency',
  name: 'counterpartyName', counterparty: 'counterpartyName', payer: 'payerName', payee: 'payeeName', iban: 'counterpartyIban',
  bic: 'counterpartyBankId', bank: 'counterpartyBankId', text: 'remittance', purpose: 'remittance', type: 'postingText',
  balance: 'balanceAfter', saldo: 'balanceAfter', eref: 'endToEnd', e2e: 'endToEnd', reference: 'endToEnd', mref: 'mandate',
  creditor: 'creditorId', cred: 'creditorId', customer: 'customerReference', ref: 'entryRef', account: 'accountIban',
};

/** The syntax, for messages and --help. */
export const COLUMNS_SYNTAX = 'field=column pairs separated by commas, e.g. "date=1,amount=4,text=6,name=3,currency=EUR"; a column is its number (1 = first) or its header text; also decimal=comma|dot and header=yes|no';

function bad(found: string): CofferError {
  return new CofferError('DOMAIN_BAD_CSV', `columns: expected ${COLUMNS_SYNTAX}, found ${found}`);
}

function fieldOf(key: string): CsvField | undefined {
  const exact = CSV_FIELDS.find((field) => field.toLowerCase() === key);
  return exact ?? ALIASES[key];
}

/**
 * Reads a column mapping as typed on the command line: "date=1,amount=4,text=6,name=3". Keys are
 * the CSV_FIELDS names or their short aliases (date, value, amount, debit, credit, sign, currency,
 * name, payer, payee, iban, bic, text, type, status, balance, eref, mref, creditor, customer, ref,
 * account), case-insensitive; values are 1-based column numbers or header texts. Special keys:
 * currency=EUR (a code instead of a column), decimal=comma|dot, header=yes|no. Refuses unknown keys,
 * repeated keys, column 0 and a mapping without a date and an amount (or debit and credit) with
 * DOMAIN_BAD_CSV, saying what is expected.
 */
export function parseColumnMapping(text: string): CsvColumnsOption {
  if (typeof text !== 'string' || text.trim() === '' || text.length > 1000) throw bad(typeof text === 'string' && text.length > 1000 ? 'a longer text' : 'nothing');
  const option: CsvColumnsOption = { columns: {} };
  for (const pair of text.split(',')) {
    const equals = pair.indexOf('=');
    if (equals === -1) throw bad(`"${pair.trim().slice(0, 30)}" without "="`);
    const key = pair.slice(0, equals).trim().toLowerCase();
    const value = pair.slice(equals + 1).trim();
    if (value === '') throw bad(`"${key}=" without a column`);
    if (value.includes('=')) throw bad(`"${pair.trim().slice(0, 40)}": separate the pairs with commas`);
    if (key === 'decimal') {
      if (!['comma', ',', 'dot', '.'].includes(value)) throw bad(`decimal=${value.slice(0, 10)} (use comma or dot)`);
      option.decimal = value === 'comma' || value === ',' ? ',' : '.';
      continue;
    }
    if (key === 'header') {
      if (!['yes', 'no'].includes(value)) throw bad(`header=${value.slice(0, 10)} (use yes or no)`);
      option.header = value === 'yes';
      continue;
    }
    if (key === 'currency' && /^[A-Za-z]{3}$/.test(value)) {
      option.currency = knownCurrency(value.toUpperCase());
      continue;
    }
    const field = fieldOf(key);
    if (!field) throw bad(`an unknown field "${key.slice(0, 30)}" (known: ${CSV_FIELDS.join(', ')})`);
    if (option.columns[field] !== undefined) throw bad(`${key} twice`);
    if (/^[0-9]+$/.test(value)) {
      const index = Number(value);
      if (index < 1 || index > 200) throw bad(`column ${index} for ${key} (columns count from 1)`);
      option.columns[field] = index;
    } else {
      option.columns[field] = value;
    }
  }
  const { columns } = option;
  if (columns.bookingDate === undefined) throw bad('no date column (date=N)');
  if (columns.amount === undefined && (columns.debit === undefined || columns.credit === undefined)) throw bad('no amount column (amount=N, or debit=N and credit=N)');
  return option;
}

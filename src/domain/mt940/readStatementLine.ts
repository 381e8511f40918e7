import type { Currency } from '../money/currency.js';
import type { CreditDebit } from '../statement/bookingEntry.js';
import { calendarDate } from '../statement/calendarDate.js';
import { referenceOrNull } from '../statement/cleanText.js';
import { badField, readSwiftAmount, readSwiftDate } from './readMt940Amounts.js';
import type { SwiftField } from './splitSwiftMessages.js';

/** What field :61: says about one booking. */
export interface StatementLine {
  valueDate: string;
  /** The entry (booking) date; the value date when the line gives none. */
  bookingDate: string;
  creditDebit: CreditDebit;
  /** RC (reversal of a credit, money out) or RD (reversal of a debit, money in). */
  reversal: boolean;
  /** Unsigned minor units. */
  amount: number;
  /** Transaction type: N + 3 characters (NTRF, NDDT, NMSC …), S + MT number, F + 3 characters. */
  swiftType: string;
  customerReference: string | null;
  bankReference: string | null;
  /** Supplementary details (34x), the second line of the field. */
  supplementary: string | null;
}

interface LineParts {
  value: string;
  entry: string | null;
  mark: 'C' | 'D' | 'RC' | 'RD';
  amount: string;
  type: string;
  rest: string;
}

/** Subfields 1–6 of field 61: 6!n [4!n] 2a [1!a] 15d 1!a3!c, then 16x [//16x] (SWIFT MT940). */
function splitLine(line: string): LineParts | null {
  const value = /^[0-9]{6}/.exec(line)?.[0];
  if (!value) return null;
  let at = 6;
  const entry = /^[0-9]{4}/.exec(line.slice(at))?.[0] ?? null;
  if (entry) at += 4;
  const mark = /^(RC|RD|C|D)/.exec(line.slice(at))?.[1] as LineParts['mark'] | undefined;
  if (!mark) return null;
  at += mark.length;
  // The funds code: the third letter of the currency code (DR = debit in EUR), when present.
  if (/^[A-Z]/.test(line.slice(at))) at += 1;
  const amount = /^[0-9]{1,15},[0-9]{0,15}/.exec(line.slice(at))?.[0];
  if (!amount) return null;
  at += amount.length;
  const type = /^[NSF][A-Z0-9]{3}/.exec(line.slice(at))?.[0];
  if (!type) return null;
  return { value, entry, mark, amount, type, rest: line.slice(at + 4) };
}

/** NONREF, and a bare SEPA keyword ("KREF+", written by some German banks meaning "see :86:"), are no reference. */
function customerReference(text: string): string | null {
  const value = referenceOrNull(text);
  return value === null || /^[A-Z]{4}\+$/.test(value) ? null : value;
}

/** The entry date MMDD has no year: the one of the value date, moved by a year across a new year. */
function entryDate(valueDate: string, mmdd: string, field: SwiftField): string {
  let year = Number(valueDate.slice(0, 4));
  const month = Number(mmdd.slice(0, 2));
  const valueMonth = Number(valueDate.slice(5, 7));
  if (month - valueMonth > 6) year -= 1;
  if (valueMonth - month > 6) year += 1;
  const date = calendarDate(year, month, Number(mmdd.slice(2, 4)));
  if (date === null) throw badField(field, 'an entry date MMDD', `"${mmdd}"`);
  return date;
}

/**
 * Reads field :61: ("2511271127DR17,90NDDTKREF+//BANKREF" and an optional second line of
 * supplementary details): value date, entry date (year from the value date), C/D/RC/RD with the
 * funds code letter that may follow (DR = debit, funds code R), amount with decimal comma, type,
 * customer reference (NONREF → none) and the bank's reference after "//". Refuses naming the line.
 */
export function readStatementLine(field: SwiftField, currency: Currency): StatementLine {
  const [first = '', ...more] = field.value.split('\n');
  const parts = splitLine(first.trim());
  if (!parts) {
    throw badField(field, 'a statement line: value date YYMMDD, optional entry date MMDD, C, D, RC or RD, amount with a decimal comma, transaction type such as NTRF, reference', `"${first.trim().slice(0, 40)}"`);
  }
  const valueDate = readSwiftDate(parts.value, field);
  const { mark, rest } = parts;
  const split = rest.indexOf('//');
  return {
    valueDate,
    bookingDate: parts.entry ? entryDate(valueDate, parts.entry, field) : valueDate,
    creditDebit: mark === 'C' || mark === 'RD' ? 'CRDT' : 'DBIT',
    reversal: mark.startsWith('R'),
    amount: readSwiftAmount(parts.amount, currency, field),
    swiftType: parts.type,
    customerReference: customerReference(split === -1 ? rest : rest.slice(0, split)),
    bankReference: split === -1 ? null : referenceOrNull(rest.slice(split + 2)),
    supplementary: referenceOrNull(more.join(' ')),
  };
}

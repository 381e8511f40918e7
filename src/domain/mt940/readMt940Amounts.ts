import type { Currency } from '../money/currency.js';
import type { Money } from '../money/money.js';
import { calendarDate, fullYear } from '../statement/calendarDate.js';
import { decimalToMinor } from '../statement/decimalToMinor.js';
import { knownCurrency } from '../statement/knownCurrency.js';
import type { StatementBalance } from '../statement/parsedStatement.js';
import type { SwiftField } from './splitSwiftMessages.js';
import { CofferError } from '../../contract/index.js';

export function badField(field: SwiftField, expected: string, found: string): CofferError {
  return new CofferError('DOMAIN_BAD_STATEMENT', `line ${field.line}, field :${field.tag}:: expected ${expected}, found ${found}`);
}

/** A SWIFT amount (15d): digits, a decimal comma, decimals ("15188,85", "0,", "1000,5"). */
export function readSwiftAmount(text: string, currency: Currency, field: SwiftField): number {
  const match = /^([0-9]{1,15}),([0-9]{0,15})$/.exec(text);
  if (!match) throw badField(field, 'an amount with a decimal comma such as 1234,56', text.includes('.') ? 'one with a "."' : 'other text');
  try {
    return decimalToMinor(match[1] as string, match[2] as string, currency, 'DOMAIN_BAD_STATEMENT');
  } catch (error) {
    if (!(error instanceof CofferError)) throw error;
    throw badField(field, 'an amount', error.message);
  }
}

/** YYMMDD as YYYY-MM-DD (two-digit years 70–99 are 19xx), or refused naming the field. */
export function readSwiftDate(text: string, field: SwiftField): string {
  const date = /^[0-9]{6}$/.test(text) ? calendarDate(fullYear(Number(text.slice(0, 2))), Number(text.slice(2, 4)), Number(text.slice(4, 6))) : null;
  if (date === null) throw badField(field, 'a date YYMMDD', `"${text.slice(0, 10)}"`);
  return date;
}

/** A currency code as written in a field, checked against the ones Coffer knows. */
export function readSwiftCurrency(text: string, field: SwiftField): Currency {
  try {
    return knownCurrency(text);
  } catch (error) {
    if (!(error instanceof CofferError)) throw error;
    throw badField(field, 'a supported ISO 4217 currency', `"${text.slice(0, 3)}"`);
  }
}

/** :60F:/:60M:/:62F:/:62M:/:64:/:65: — D/C mark, YYMMDD, currency, amount: "C251127EUR15188,85". */
export function readSwiftBalance(field: SwiftField, type: string): StatementBalance {
  const value = field.value.trim();
  const match = /^([CD])([0-9]{6})([A-Z]{3})(.*)$/.exec(value);
  if (!match) throw badField(field, 'a balance such as C251127EUR1234,56', 'other text');
  const currency = readSwiftCurrency(match[3] as string, field);
  const minor = readSwiftAmount(match[4] as string, currency, field);
  return { type, amount: { minor: match[1] === 'D' ? -minor : minor, currency }, date: readSwiftDate(match[2] as string, field) };
}

/** MT942 :90D:/:90C: — number of entries, currency, sum: "2EUR150,00". */
export function readSwiftTotal(field: SwiftField): { count: number; sum: Money } {
  const match = /^([0-9]{1,5})([A-Z]{3})(.*)$/.exec(field.value.trim());
  if (!match) throw badField(field, 'a count, currency and sum such as 2EUR150,00', 'other text');
  const currency = readSwiftCurrency(match[2] as string, field);
  return { count: Number(match[1]), sum: { minor: readSwiftAmount(match[3] as string, currency, field), currency } };
}

/** MT942 :13D: — YYMMDDhhmm±hhmm as an ISO date-time. */
export function readSwiftDateTime(field: SwiftField): string | null {
  const match = /^([0-9]{6})([0-9]{2})([0-9]{2})([+-][0-9]{4})$/.exec(field.value.trim());
  if (!match) return null;
  const offset = match[4] as string;
  return `${readSwiftDate(match[1] as string, field)}T${match[2]}:${match[3]}:00${offset.slice(0, 3)}:${offset.slice(3)}`;
}

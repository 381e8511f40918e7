import type { Currency } from '../money/currency.js';
import { calendarDate, fullYear } from '../statement/calendarDate.js';
import { decimalToMinor } from '../statement/decimalToMinor.js';
import { CofferError } from '../../contract/index.js';

const SYMBOLS = /\s|\u00a0|€|EUR$|^EUR/g;
const MAX_AMOUNT_TEXT = 40;

/** Whole and fraction digits of "1.234,56" (decimal ",", groups ".") or "1,234.56"; null if it is neither. */
function splitAmount(text: string, decimal: ',' | '.'): { whole: string; fraction: string } | null {
  if (text.length === 0 || text.length > MAX_AMOUNT_TEXT) return null;
  const group = decimal === ',' ? '.' : ',';
  const parts = text.split(decimal);
  if (parts.length > 2) return null;
  const [whole = '', fraction = ''] = parts;
  if (parts.length === 2 && !/^[0-9]+$/.test(fraction)) return null;
  const groups = whole.split(group);
  const grouped = groups.length > 1 && /^[0-9]{1,3}$/.test(groups[0] as string) && groups.slice(1).every((part) => /^[0-9]{3}$/.test(part));
  if (!grouped && !/^[0-9]+$/.test(whole)) return null;
  return { whole: groups.join(''), fraction };
}
const DATE_LIKE = /^[0-9]{1,4}[./-][0-9]{1,2}[./-][0-9]{1,4}$/;

function describe(text: string): string {
  if (text === '') return 'an empty cell';
  if (DATE_LIKE.test(text)) return `a date (${text})`;
  if (/[0-9]/.test(text)) return 'text with digits';
  return 'text';
}

/**
 * An amount as German and English bank exports write it, signed, in minor units. With decimal ",":
 * "1.234,56", "-17,9", "2.987" (thousands, = 2987), "9,90-" (trailing minus), "100.000,00 €"; with
 * decimal ".": "1,234.56", "-60.00". Refuses anything else with DOMAIN_BAD_AMOUNT saying what the cell
 * looks like ("a date", "one with a decimal comma") so a wrong column or separator is easy to see.
 */
export function readCsvAmount(cell: string, decimal: ',' | '.', currency: Currency): number {
  let text = cell.replace(SYMBOLS, '');
  let negative = false;
  if (text.startsWith('-') || text.startsWith('+')) {
    negative = text.startsWith('-');
    text = text.slice(1);
  } else if (text.endsWith('-')) {
    negative = true;
    text = text.slice(0, -1);
  }
  const split = splitAmount(text, decimal);
  if (!split) {
    const example = decimal === ',' ? '1.234,56' : '1,234.56';
    const otherSeparator = decimal === ',' ? '.' : ',';
    const other = splitAmount(text, otherSeparator)?.fraction;
    const found = other ? `one with a decimal ${decimal === ',' ? 'point' : 'comma'} (${cell.trim().slice(0, 20)}): set decimal=${decimal === ',' ? 'dot' : 'comma'}` : describe(cell.trim().slice(0, 20));
    throw new CofferError('DOMAIN_BAD_AMOUNT', `expected an amount such as ${example}, found ${found}`);
  }
  const minor = decimalToMinor(split.whole, split.fraction, currency, 'DOMAIN_BAD_AMOUNT');
  return negative && minor !== 0 ? -minor : minor;
}

/**
 * Which decimal separator an amount column uses: "," if some cell ends in ",d" or ",dd" and none in
 * ".d"/".dd"; "." for the reverse; `fallback` when no cell shows it ("2.987" and "-2040" do not).
 * Refuses a column that shows both with DOMAIN_BAD_CSV: only the user can say which it is.
 */
export function detectDecimal(cells: readonly string[], fallback: ',' | '.'): ',' | '.' {
  let comma = 0;
  let dot = 0;
  for (const cell of cells) {
    const text = cell.replace(SYMBOLS, '').replace(/-$/, '');
    if (/,[0-9]{1,2}$/.test(text)) comma += 1;
    else if (/\.[0-9]{1,2}$/.test(text)) dot += 1;
  }
  if (comma > 0 && dot > 0) throw new CofferError('DOMAIN_BAD_CSV', `expected one decimal separator in the amount column, found ${comma} amounts with a decimal comma and ${dot} with a decimal point: set decimal=comma or decimal=dot`);
  return comma > 0 ? ',' : dot > 0 ? '.' : fallback;
}

/**
 * A date as bank exports write it: dd.mm.yyyy, d.m.yyyy, dd.mm.yy (00–69 → 20xx, 70–99 → 19xx), or
 * yyyy-mm-dd. Refuses others, and days that do not exist, with DOMAIN_BAD_CSV's caller naming the cell.
 */
export function readCsvDate(cell: string): string {
  const text = cell.trim();
  let date: string | null = null;
  const german = /^([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{2}|[0-9]{4})$/.exec(text);
  if (german) {
    const year = (german[3] as string).length === 2 ? fullYear(Number(german[3])) : Number(german[3]);
    date = calendarDate(year, Number(german[2]), Number(german[1]));
  }
  const iso = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text);
  if (iso) date = calendarDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  if (date === null) {
    const found = german || iso ? `a day that does not exist (${text})` : describe(text.slice(0, 20));
    throw new CofferError('DOMAIN_BAD_CSV', `expected a date such as 31.12.2024, 31.12.24 or 2024-12-31, found ${found}`);
  }
  return date;
}

/** True when the cell reads as a date (used to find where a table without a header starts). */
export function isCsvDate(cell: string | undefined): boolean {
  if (cell === undefined) return false;
  try {
    readCsvDate(cell);
    return true;
  } catch {
    return false;
  }
}

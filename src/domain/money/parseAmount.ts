import { MAX_MAJOR_DIGITS, currencyExponent, parseCurrency, type Currency } from './currency.js';
import { CofferError } from '../../contract/index.js';

export interface ParseAmountOptions {
  /** Accept a leading "-" (statement lines, refunds). Payments are never negative. */
  signed?: boolean;
}

// Longest text we look at: "-999,999,999,999.999" is 20 characters; anything far longer is not an amount.
const MAX_AMOUNT_TEXT = 32;

// Whole part: "0", or digits grouped by thousands with ",", or plain digits; never a leading zero.
const WHOLE = '0|[1-9][0-9]{0,2}(?:,[0-9]{3})+|[1-9][0-9]*';

function bad(expected: string, found: string): CofferError {
  return new CofferError('DOMAIN_BAD_AMOUNT', `expected ${expected}, found ${found}`);
}

/**
 * Reads a decimal amount written for people ("1,234.56", "1234.56", "1234", "1.5") into integer
 * minor units of `currency`, without ever going through a float. Refuses more decimals than the
 * currency has, exponents, signs where not allowed, leading zeros, a whole part above
 * 999,999,999,999 and anything else with DOMAIN_BAD_AMOUNT. The text itself is never echoed:
 * amounts are business data.
 */
export function parseAmount(text: string, currency: Currency, options: ParseAmountOptions = {}): number {
  const exponent = currencyExponent(parseCurrency(currency));
  // Ensure we have a short string before running any pattern over it.
  if (typeof text !== 'string') throw bad('an amount as text', `a ${typeof text}`);
  if (text.length === 0 || text.length > MAX_AMOUNT_TEXT) {
    throw bad(`an amount of 1 to ${MAX_AMOUNT_TEXT} characters`, `${text.length} characters`);
  }
  const negative = text.startsWith('-');
  if (negative && !options.signed) throw bad('a positive amount', 'a negative one');
  const body = negative ? text.slice(1) : text;
  const fraction = exponent === 0 ? '' : `(?:\\.([0-9]{1,${exponent}}))?`;
  // eslint-disable-next-line security/detect-non-literal-regexp -- built from our own constants only
  const match = new RegExp(`^(${WHOLE})${fraction}$`).exec(body);
  if (!match) {
    const decimals = /^[0-9,]+\.([0-9]+)$/.exec(body)?.[1]?.length;
    if (decimals !== undefined && decimals > exponent) {
      throw bad(`at most ${exponent} decimals for ${currency}`, `${decimals}`);
    }
    throw bad(`digits with optional "," thousands groups and "." decimals for ${currency}`, 'other text');
  }
  const whole = (match[1] ?? '').replaceAll(',', '');
  if (whole.length > MAX_MAJOR_DIGITS) {
    throw bad(`at most ${MAX_MAJOR_DIGITS} digits before the decimal point`, `${whole.length}`);
  }
  // At most 12 + 3 digits: far below 2^53, so Number() of this digit string is exact.
  const minor = Number(whole + (match[2] ?? '').padEnd(exponent, '0'));
  if (negative && minor === 0) throw bad('a non-zero amount after "-"', 'negative zero');
  return negative ? -minor : minor;
}

import { MAX_MAJOR_DIGITS, currencyExponent, type Currency } from '../money/currency.js';
import { CofferError, type DomainErrorCode } from '../../contract/index.js';

/**
 * Minor units from the digits of an unsigned decimal, split into whole and fraction digits. Leading
 * zeros are fine ("01.00", as XML Schema's xs:decimal allows), and so are extra fraction digits when
 * they are zeros ("200.0000" GBP); a non-zero digit beyond the currency's exponent, or more than
 * 999,999,999,999 whole units, is refused with `code`. Never goes through a float.
 */
export function decimalToMinor(whole: string, fraction: string, currency: Currency, code: DomainErrorCode): number {
  const exponent = currencyExponent(currency);
  const significant = whole.replace(/^0+(?=\d)/, '');
  if (significant.length > MAX_MAJOR_DIGITS) {
    throw new CofferError(code, `expected at most ${MAX_MAJOR_DIGITS} digits before the decimal point, found ${significant.length}`);
  }
  if (fraction.length > exponent && /[1-9]/.test(fraction.slice(exponent))) {
    throw new CofferError(code, `expected at most ${exponent} decimals for ${currency}, found ${fraction.replace(/0+$/, '').length}`);
  }
  // At most 12 + 3 digits: far below 2^53, so Number() of this digit string is exact.
  return Number(significant + fraction.slice(0, exponent).padEnd(exponent, '0'));
}

/**
 * The common case without any string work: "1234.56" for a two-decimal currency (1 to 12 digits, a
 * point, exactly two digits, no leading zero). -1 for anything else, which takes the full path.
 */
function plainCents(text: string, exponent: number): number {
  const length = text.length;
  if (exponent !== 2 || length < 4 || length > 15 || text.charCodeAt(length - 3) !== 0x2e) return -1;
  if (text.charCodeAt(0) === 0x30 && length > 4) return -1;
  let value = 0;
  for (let i = 0; i < length; i++) {
    if (i === length - 3) continue;
    const digit = text.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

// XML Schema 1.0 xs:decimal lexical space, without "-" (ISO 20022 amounts are never negative):
// digits, an optional "." with digits on at least one side, an optional leading "+".
const DIGITS = /^[0-9]*$/;
const MAX_DECIMAL_TEXT = 40;

/**
 * Reads an ISO 20022 amount (ActiveOrHistoricCurrencyAndAmount, DecimalNumber) written as the schema
 * allows it: "1234.56", "01.00", "+5", "7.", "200.0000" (zeros beyond the currency's decimals). Refuses
 * "10,000.00", exponents, signs other than "+" and more precision than the currency has, with
 * DOMAIN_BAD_AMOUNT (the caller names the element).
 */
export function parseIsoDecimal(text: string, currency: Currency): number {
  const fast = plainCents(text, currencyExponent(currency));
  if (fast !== -1) return fast;
  const value = text.trim();
  const unsigned = value.startsWith('+') ? value.slice(1) : value;
  const [whole = '', fraction = '', extra] = unsigned.split('.');
  const valid = value.length <= MAX_DECIMAL_TEXT && extra === undefined && DIGITS.test(whole) && DIGITS.test(fraction) && whole.length + fraction.length > 0;
  if (!valid) {
    const found = value.includes(',') ? 'a comma in it' : value.startsWith('-') ? 'a negative amount' : 'other text';
    throw new CofferError('DOMAIN_BAD_AMOUNT', `expected a decimal amount such as 1234.56 (digits, "." decimals, no sign or separators), found ${found}`);
  }
  return decimalToMinor(whole === '' ? '0' : whole, fraction, currency, 'DOMAIN_BAD_AMOUNT');
}

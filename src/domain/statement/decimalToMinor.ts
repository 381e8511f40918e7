import { DomainError, type DomainErrorCode } from '../errors.js';
import { MAX_MAJOR_DIGITS, currencyExponent, type Currency } from '../money/currency.js';

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
    throw new DomainError(code, `expected at most ${MAX_MAJOR_DIGITS} digits before the decimal point, found ${significant.length}`);
  }
  if (fraction.length > exponent && /[1-9]/.test(fraction.slice(exponent))) {
    throw new DomainError(code, `expected at most ${exponent} decimals for ${currency}, found ${fraction.replace(/0+$/, '').length}`);
  }
  // At most 12 + 3 digits: far below 2^53, so Number() of this digit string is exact.
  return Number(significant + fraction.slice(0, exponent).padEnd(exponent, '0'));
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
  const value = text.trim();
  const unsigned = value.startsWith('+') ? value.slice(1) : value;
  const [whole = '', fraction = '', extra] = unsigned.split('.');
  const valid = value.length <= MAX_DECIMAL_TEXT && extra === undefined && DIGITS.test(whole) && DIGITS.test(fraction) && whole.length + fraction.length > 0;
  if (!valid) {
    const found = value.includes(',') ? 'a comma in it' : value.startsWith('-') ? 'a negative amount' : 'other text';
    throw new DomainError('DOMAIN_BAD_AMOUNT', `expected a decimal amount such as 1234.56 (digits, "." decimals, no sign or separators), found ${found}`);
  }
  return decimalToMinor(whole === '' ? '0' : whole, fraction, currency, 'DOMAIN_BAD_AMOUNT');
}

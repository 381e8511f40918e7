import { currencyExponent, parseCurrency, type Currency } from './currency.js';
import { CofferError } from '../../contract/index.js';

export interface FormatAmountOptions {
  /** Group thousands with "," for people ("1,234.56"); files and XML take the plain form. */
  grouping?: boolean;
}

function groupThousands(digits: string): string {
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end));
  return groups.join(',');
}

/**
 * Writes integer minor units as a decimal with exactly the currency's number of decimals:
 * 123456 EUR → "1234.56", 1234 JPY → "1234", -5 BHD → "-0.005". Pure string work, no float.
 * Any safe integer is accepted, so totals above the single-amount limit can be written too.
 */
export function formatAmount(minor: number, currency: Currency, options: FormatAmountOptions = {}): string {
  const exponent = currencyExponent(parseCurrency(currency));
  // Ensure the amount is an exact integer: a fraction of a cent means a bug upstream.
  if (!Number.isSafeInteger(minor)) {
    throw new CofferError('DOMAIN_BAD_AMOUNT', 'expected a safe integer number of minor units, found another number');
  }
  // A safe integer prints as plain digits (no exponent below 10^21).
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  const wholeDigits = digits.slice(0, digits.length - exponent);
  const whole = options.grouping ? groupThousands(wholeDigits) : wholeDigits;
  const text = exponent === 0 ? whole : `${whole}.${digits.slice(digits.length - exponent)}`;
  return minor < 0 ? `-${text}` : text;
}

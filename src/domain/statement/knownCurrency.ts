import { CURRENCY_EXPONENTS, parseCurrency, type Currency } from '../money/currency.js';

/**
 * parseCurrency without a schema run for the codes Coffer knows: a statement names a currency in
 * every amount, 100,000 times per file. Unknown codes still go through parseCurrency's refusal.
 */
export function knownCurrency(code: string | undefined): Currency {
  if (code !== undefined && Object.hasOwn(CURRENCY_EXPONENTS, code)) return code as Currency;
  return parseCurrency(code);
}

import { z } from 'zod';
import { CofferError } from '../../contract/index.js';

/**
 * Minor-unit exponents of the currencies Coffer handles, from the "Minor unit" column of ISO 4217
 * (list one, SIX Financial Information maintenance agency). HUF and CZK carry 2 in ISO 4217 even
 * though their coins are gone: the standard, not the till, decides how amounts are written.
 */
export const CURRENCY_EXPONENTS = {
  EUR: 2, USD: 2, GBP: 2, CHF: 2, SEK: 2, NOK: 2, DKK: 2, PLN: 2, CZK: 2, HUF: 2, RON: 2, BGN: 2,
  TRY: 2, CAD: 2, AUD: 2, NZD: 2, CNY: 2, HKD: 2, SGD: 2, INR: 2, ZAR: 2, MXN: 2, BRL: 2, ILS: 2,
  AED: 2, SAR: 2, QAR: 2,
  JPY: 0, KRW: 0, ISK: 0, CLP: 0, VND: 0, PYG: 0, UGX: 0, XOF: 0, XAF: 0,
  BHD: 3, KWD: 3, OMR: 3, JOD: 3, TND: 3, LYD: 3, IQD: 3,
} as const satisfies Record<string, 0 | 2 | 3>;

type CurrencyCode = keyof typeof CURRENCY_EXPONENTS;

const CURRENCY_CODES = Object.keys(CURRENCY_EXPONENTS) as [CurrencyCode, ...CurrencyCode[]];

/** An ISO 4217 alphabetic code Coffer knows the exponent of. */
export const Currency = z.enum(CURRENCY_CODES);
export type Currency = z.infer<typeof Currency>;

/** Largest whole-unit part an amount may have: 999,999,999,999 (twelve digits). */
export const MAX_MAJOR_DIGITS = 12;

/** Number of decimals of the currency's minor unit (0, 2 or 3). */
export function currencyExponent(currency: Currency): 0 | 2 | 3 {
  return CURRENCY_EXPONENTS[currency];
}

/** Largest amount in minor units of one payment or entry: 999,999,999,999 and all decimals at 9. */
export function maxAmountMinor(currency: Currency): number {
  // 10^15 - 1 at most (three decimals), well inside Number.MAX_SAFE_INTEGER (~9.007 * 10^15).
  return 10 ** (MAX_MAJOR_DIGITS + currencyExponent(currency)) - 1;
}

/** Reads an ISO 4217 code (exactly three upper-case letters of a known currency). */
export function parseCurrency(input: unknown): Currency {
  const parsed = Currency.safeParse(input);
  // Ensure the code is one whose exponent we know, or amounts would be scaled wrongly.
  if (!parsed.success) {
    const found = typeof input === 'string' && /^[A-Za-z]{1,8}$/.test(input) ? `"${input}"` : `a ${typeof input}`;
    throw new CofferError('DOMAIN_BAD_CURRENCY', `expected a supported ISO 4217 currency code, found ${found}`);
  }
  return parsed.data;
}

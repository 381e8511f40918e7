import { z } from 'zod';
import { Currency } from './currency.js';
import { CofferError } from '../../contract/index.js';

/** An amount in integer minor units (cents, yen, fils) of one currency; negative for debits. */
export const Money = z.object({
  minor: z.number().refine(Number.isSafeInteger, 'expected a safe integer number of minor units'),
  currency: Currency,
});
export type Money = z.infer<typeof Money>;

/** Refuses to combine amounts of two currencies: there is no exchange rate in the domain. */
export function ensureSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new CofferError('DOMAIN_CURRENCY_MISMATCH', `expected amounts in ${a.currency}, found ${b.currency}`);
  }
}

/** Refuses a result outside the integers a JavaScript number holds exactly. */
export function ensureSafe(minor: number, what: string): number {
  if (!Number.isSafeInteger(minor)) {
    throw new CofferError('DOMAIN_AMOUNT_OVERFLOW', `expected ${what} within ±${Number.MAX_SAFE_INTEGER} minor units, found more`);
  }
  return minor;
}

import { CofferError } from '../../contract/index.js';
import { parseAmount, parseCurrency } from '../../domain/index.js';

export interface RuleBandText {
  currency?: string;
  /** Decimal amounts as staff type them (`10000.01`), in the currency's major unit. */
  min?: string;
  max?: string;
}

/** An approval rule's band from decimal text: minor units of the rule's currency; no currency, no band. */
export function parseRuleBand(text: RuleBandText): { minAmountMinor: number; maxAmountMinor?: number } {
  if (!text.currency) {
    if (text.min !== undefined || text.max !== undefined) throw new CofferError('SERVER_BAD_REQUEST', 'an amount band needs a currency: a rule for any currency covers every amount');
    return { minAmountMinor: 0 };
  }
  const currency = parseCurrency(text.currency);
  return {
    minAmountMinor: text.min === undefined ? 0 : parseAmount(text.min, currency),
    ...(text.max === undefined ? {} : { maxAmountMinor: parseAmount(text.max, currency) }),
  };
}

import { CofferError } from '../../contract/index.js';
import { parseAmount, parseCurrency } from '../../domain/index.js';

/**
 * An opening balance as staff type it (`250000.00`, `-1200.50` for an overdrawn account) in minor units of the
 * account's currency. A refusal names the field, never the amount.
 */
export function parseOpeningBalance(amount: string, currency: string): number {
  try {
    return parseAmount(amount, parseCurrency(currency), { signed: true });
  } catch (cause) {
    if (!(cause instanceof CofferError)) throw cause;
    throw new CofferError('SERVER_BAD_REQUEST', `opening balance: ${cause.message}`, { cause });
  }
}

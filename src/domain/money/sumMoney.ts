import type { Currency } from './currency.js';
import { addMoney } from './addMoney.js';
import type { Money } from './money.js';

/**
 * Total of amounts that must all be in `currency` (named so that an empty list has a currency too).
 * Refuses a foreign currency with DOMAIN_CURRENCY_MISMATCH and a total beyond exact integers with
 * DOMAIN_AMOUNT_OVERFLOW.
 */
export function sumMoney(amounts: readonly Money[], currency: Currency): Money {
  return amounts.reduce<Money>((total, amount) => addMoney(total, amount), { minor: 0, currency });
}

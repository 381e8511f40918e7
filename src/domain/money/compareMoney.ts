import { ensureSafe, ensureSameCurrency, type Money } from './money.js';

/** -1, 0 or 1 as a is less than, equal to or greater than b; refuses mixed currencies. */
export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  ensureSameCurrency(a, b);
  ensureSafe(a.minor, 'an amount');
  ensureSafe(b.minor, 'an amount');
  return a.minor < b.minor ? -1 : a.minor > b.minor ? 1 : 0;
}

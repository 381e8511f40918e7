import { ensureSafe, ensureSameCurrency, type Money } from './money.js';

/** a − b in the same currency; refuses mixed currencies and results beyond exact integers. */
export function subtractMoney(a: Money, b: Money): Money {
  ensureSameCurrency(a, b);
  ensureSafe(a.minor, 'an amount');
  ensureSafe(b.minor, 'an amount');
  return { minor: ensureSafe(a.minor - b.minor, 'a difference'), currency: a.currency };
}

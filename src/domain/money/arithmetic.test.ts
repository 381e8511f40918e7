import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addMoney } from './addMoney.js';
import { subtractMoney } from './subtractMoney.js';
import { compareMoney } from './compareMoney.js';
import { sumMoney } from './sumMoney.js';
import { maxAmountMinor } from './currency.js';
import type { Money } from './money.js';

const eur = (minor: number): Money => ({ minor, currency: 'EUR' });
const usd = (minor: number): Money => ({ minor, currency: 'USD' });

describe('money arithmetic', () => {
  describe('when both amounts are in one currency', () => {
    it('adds, subtracts and compares in minor units', () => {
      expect(addMoney(eur(10), eur(29))).toEqual(eur(39));
      expect(subtractMoney(eur(10), eur(29))).toEqual(eur(-19));
      expect(compareMoney(eur(10), eur(29))).toBe(-1);
      expect(compareMoney(eur(29), eur(29))).toBe(0);
      expect(compareMoney(eur(30), eur(29))).toBe(1);
      expect(sumMoney([eur(10), eur(20), eur(-5)], 'EUR')).toEqual(eur(25));
      expect(sumMoney([], 'JPY')).toEqual({ minor: 0, currency: 'JPY' });
    });

    it('refuses a total beyond exact integers with DOMAIN_AMOUNT_OVERFLOW', async () => {
      await expect(() => addMoney(eur(Number.MAX_SAFE_INTEGER), eur(1))).toThrowCode('DOMAIN_AMOUNT_OVERFLOW');
      await expect(() => subtractMoney(eur(-Number.MAX_SAFE_INTEGER), eur(1))).toThrowCode('DOMAIN_AMOUNT_OVERFLOW');
      const max = eur(maxAmountMinor('EUR'));
      await expect(() => sumMoney(Array(91).fill(max), 'EUR')).toThrowCode('DOMAIN_AMOUNT_OVERFLOW');
      expect(sumMoney(Array(90).fill(max), 'EUR').minor).toBe(8_999_999_999_999_910);
    });

    it('refuses a fractional amount with DOMAIN_AMOUNT_OVERFLOW', async () => {
      await expect(() => addMoney(eur(0.5), eur(1))).toThrowCode('DOMAIN_AMOUNT_OVERFLOW');
    });
  });

  describe('when the currencies differ', () => {
    it('refuses every operation with DOMAIN_CURRENCY_MISMATCH', async () => {
      await expect(() => addMoney(eur(1), usd(1))).toThrowCode('DOMAIN_CURRENCY_MISMATCH');
      await expect(() => subtractMoney(eur(1), usd(1))).toThrowCode('DOMAIN_CURRENCY_MISMATCH');
      await expect(() => compareMoney(eur(1), usd(1))).toThrowCode('DOMAIN_CURRENCY_MISMATCH');
      await expect(() => sumMoney([eur(1), usd(1)], 'EUR')).toThrowCode('DOMAIN_CURRENCY_MISMATCH');
      await expect(() => sumMoney([usd(1)], 'EUR')).toThrowCode('DOMAIN_CURRENCY_MISMATCH');
    });
  });

  describe('when amounts are random', () => {
    const amount = fc.integer({ min: -maxAmountMinor('EUR'), max: maxAmountMinor('EUR') }).map(eur);
    const amounts = fc.array(amount, { maxLength: 40 });

    it('sums in any order to the same total', () => {
      fc.assert(
        fc.property(amounts, fc.integer(), (list, seed) => {
          const shuffled = [...list].sort((a, b) => ((a.minor ^ seed) % 7) - ((b.minor ^ seed) % 7));
          expect(sumMoney(shuffled, 'EUR')).toEqual(sumMoney(list, 'EUR'));
          expect(sumMoney([...list].reverse(), 'EUR')).toEqual(sumMoney(list, 'EUR'));
        }),
      );
    });

    it('groups sums any way to the same total', () => {
      fc.assert(
        fc.property(amounts, amounts, amounts, (a, b, c) => {
          const [sa, sb, sc] = [sumMoney(a, 'EUR'), sumMoney(b, 'EUR'), sumMoney(c, 'EUR')];
          expect(addMoney(addMoney(sa, sb), sc)).toEqual(addMoney(sa, addMoney(sb, sc)));
          expect(sumMoney([...a, ...b, ...c], 'EUR')).toEqual(addMoney(sa, addMoney(sb, sc)));
        }),
      );
    });

    it('undoes an addition by a subtraction and orders like the integers', () => {
      fc.assert(
        fc.property(amount, amount, (a, b) => {
          expect(subtractMoney(addMoney(a, b), b)).toEqual(a);
          expect(compareMoney(a, b)).toBe(Math.sign(a.minor - b.minor));
          expect(compareMoney(b, a)).toBe(-compareMoney(a, b) || 0);
        }),
      );
    });
  });
});

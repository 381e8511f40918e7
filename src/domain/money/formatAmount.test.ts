import { describe, expect, it } from 'vitest';
import { formatAmount } from './formatAmount.js';
import type { Currency } from './currency.js';

describe('formatAmount', () => {
  describe('when the amount is a whole number of minor units', () => {
    it.each([
      [123456, 'EUR', '1234.56'],
      [5, 'EUR', '0.05'],
      [0, 'USD', '0.00'],
      [-100, 'GBP', '-1.00'],
      [1234, 'JPY', '1234'],
      [-5, 'BHD', '-0.005'],
      [1234, 'KWD', '1.234'],
      [99_999_999_999_999, 'EUR', '999999999999.99'],
    ] as const)('writes %i %s as %s', (minor, currency, text) => {
      expect(formatAmount(minor, currency)).toBe(text);
    });

    it.each([
      [99_999_999_999_999, 'EUR', '999,999,999,999.99'],
      [123456, 'EUR', '1,234.56'],
      [99_999, 'EUR', '999.99'],
      [-1_000_000, 'JPY', '-1,000,000'],
      [1_000_000, 'BHD', '1,000.000'],
    ] as const)('groups thousands of %i %s as %s', (minor, currency, text) => {
      expect(formatAmount(minor, currency, { grouping: true })).toBe(text);
    });

    it('writes totals above the single-amount limit', () => {
      expect(formatAmount(Number.MAX_SAFE_INTEGER, 'EUR')).toBe('90071992547409.91');
    });
  });

  describe('when the amount is not an exact integer', () => {
    it.each([0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('refuses %d with DOMAIN_BAD_AMOUNT', async (minor) => {
      await expect(() => formatAmount(minor, 'EUR')).toThrowCode('DOMAIN_BAD_AMOUNT');
    });
  });

  it('refuses an unknown currency with DOMAIN_BAD_CURRENCY', async () => {
    await expect(() => formatAmount(1, 'ABC' as Currency)).toThrowCode('DOMAIN_BAD_CURRENCY');
  });
});

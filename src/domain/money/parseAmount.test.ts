import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseAmount } from './parseAmount.js';
import { formatAmount } from './formatAmount.js';
import { CURRENCY_EXPONENTS, maxAmountMinor, type Currency } from './currency.js';

const currencies = Object.keys(CURRENCY_EXPONENTS) as Currency[];

describe('parseAmount', () => {
  describe('when the text is a well-formed amount', () => {
    it.each([
      ['1,234.56', 'EUR', 123456],
      ['1234.56', 'EUR', 123456],
      ['1234', 'EUR', 123400],
      ['1.5', 'USD', 150],
      ['0.01', 'GBP', 1],
      ['0', 'CHF', 0],
      ['1234', 'JPY', 1234],
      ['1,234,567', 'JPY', 1234567],
      ['1.234', 'BHD', 1234],
      ['12.5', 'KWD', 12500],
      ['999,999,999,999.99', 'EUR', 99_999_999_999_999],
      ['999999999999.999', 'KWD', 999_999_999_999_999],
    ] as const)('reads %s %s as %i minor units', (text, currency, minor) => {
      expect(parseAmount(text, currency)).toBe(minor);
    });

    it('reads a negative amount only when asked to', async () => {
      expect(parseAmount('-1,234.50', 'EUR', { signed: true })).toBe(-123450);
      await expect(() => parseAmount('-1,234.50', 'EUR')).toThrowCode('DOMAIN_BAD_AMOUNT');
    });

    it('keeps amounts exact where a float would not', () => {
      // In floating point 0.29 * 100 is 28.999999999999996 and 1.005 * 1000 is 1004.9999999999999.
      expect(parseAmount('0.29', 'EUR')).toBe(29);
      expect(parseAmount('1.005', 'BHD')).toBe(1005);
      expect(parseAmount('999999999999.99', 'EUR')).toBe(99_999_999_999_999);
    });
  });

  describe('when the text is not an amount Coffer writes', () => {
    it.each([
      ['1.234', 'EUR', 'too many decimals'],
      ['1.0', 'JPY', 'decimals in a zero-decimal currency'],
      ['1.2345', 'BHD', 'too many decimals for three'],
      ['1e5', 'EUR', 'an exponent'],
      ['1E5', 'EUR', 'an upper-case exponent'],
      ['1,000,000,000,000.00', 'EUR', 'a whole part above the limit'],
      ['1000000000000', 'JPY', 'thirteen whole digits'],
      ['', 'EUR', 'nothing'],
      [' 12.00', 'EUR', 'a leading space'],
      ['12.00 ', 'EUR', 'a trailing space'],
      ['+12.00', 'EUR', 'a plus sign'],
      ['012.00', 'EUR', 'a leading zero'],
      ['1,23.45', 'EUR', 'a broken thousands group'],
      ['1234,567.00', 'EUR', 'a group of four'],
      ['1.', 'EUR', 'a dangling point'],
      ['.5', 'EUR', 'no whole part'],
      ['1,5', 'EUR', 'a decimal comma'],
      ['NaN', 'EUR', 'NaN'],
      ['Infinity', 'EUR', 'Infinity'],
      ['0x10', 'EUR', 'hexadecimal'],
      ['１２３', 'EUR', 'full-width digits'],
      ['1_000', 'EUR', 'an underscore separator'],
      ['9'.repeat(400), 'EUR', 'a huge number'],
      ['--1', 'EUR', 'two minus signs'],
    ] as [string, Currency, string][])('refuses %j in %s (%s) with DOMAIN_BAD_AMOUNT', async (text, currency) => {
      await expect(() => parseAmount(text, currency, { signed: true })).toThrowCode('DOMAIN_BAD_AMOUNT');
    });

    it('refuses negative zero with DOMAIN_BAD_AMOUNT', async () => {
      await expect(() => parseAmount('-0.00', 'EUR', { signed: true })).toThrowCode('DOMAIN_BAD_AMOUNT');
    });

    it('refuses an unknown currency with DOMAIN_BAD_CURRENCY', async () => {
      await expect(() => parseAmount('1.00', 'XYZ' as Currency)).toThrowCode('DOMAIN_BAD_CURRENCY');
      await expect(() => parseAmount('1.00', 'eur' as Currency)).toThrowCode('DOMAIN_BAD_CURRENCY');
    });

    it('never repeats the amount in its message', () => {
      expect(() => parseAmount('123456.789', 'EUR')).toThrow(/^(?!.*123456)/);
    });
  });

  describe('when amounts are random', () => {
    const amountIn = (currency: Currency) => fc.integer({ min: -maxAmountMinor(currency), max: maxAmountMinor(currency) });
    const currencyAndAmount = fc.constantFrom(...currencies).chain((currency) => fc.tuple(fc.constant(currency), amountIn(currency)));

    it('gives back every amount it formatted, grouped or not', () => {
      fc.assert(
        fc.property(currencyAndAmount, fc.boolean(), ([currency, minor], grouping) => {
          expect(parseAmount(formatAmount(minor, currency, { grouping }), currency, { signed: true })).toBe(minor);
        }),
      );
    });

    // The normal form written independently of formatAmount: drop group commas, pad the decimals.
    function normalForm(text: string, exponent: number): string {
      const [whole = '', fraction = ''] = text.replaceAll(',', '').split('.');
      return exponent === 0 ? whole : `${whole}.${fraction.padEnd(exponent, '0')}`;
    }

    it('accepts only texts that formatAmount writes back in normal form', () => {
      const amountLike = fc.stringMatching(/^-?[0-9,.e+]{1,22}$/);
      const decimalLike = fc
        .tuple(fc.constantFrom('', '-', '+'), fc.stringMatching(/^[0-9]{1,14}$/), fc.option(fc.stringMatching(/^[0-9]{0,4}$/)))
        .map(([sign, whole, fraction]) => (fraction === null ? `${sign}${whole}` : `${sign}${whole}.${fraction}`));
      fc.assert(
        fc.property(fc.constantFrom(...currencies), fc.oneof(amountLike, decimalLike, fc.string()), (currency, text) => {
          let minor: number;
          try {
            minor = parseAmount(text, currency, { signed: true });
          } catch {
            return;
          }
          expect(formatAmount(minor, currency)).toBe(normalForm(text, CURRENCY_EXPONENTS[currency]));
          expect(Math.abs(minor)).toBeLessThanOrEqual(maxAmountMinor(currency));
        }),
        { numRuns: 2000 },
      );
    });
  });
});

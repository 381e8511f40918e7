import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CURRENCY_EXPONENTS, maxAmountMinor, type Currency } from '../money/currency.js';
import { formatAmount } from '../money/formatAmount.js';
import { readCsvAmount } from '../csv/readCsvValues.js';
import { parseIsoDecimal } from './decimalToMinor.js';
import { propertyRuns } from '../../../test/fixtures/domain/propertyRuns.js';

const currencies = Object.keys(CURRENCY_EXPONENTS) as Currency[];
const amount = fc.constantFrom(...currencies).chain((currency) => fc.tuple(fc.constant(currency), fc.integer({ min: 0, max: maxAmountMinor(currency) })));

/** "1234.56" → "1.234,56": the German way, written independently of the reader. */
function german(text: string): string {
  const [whole = '', fraction] = text.split('.');
  const groups: string[] = [];
  for (let end = whole.length; end > 0; end -= 3) groups.unshift(whole.slice(Math.max(0, end - 3), end));
  const grouped = groups.join('.');
  return fraction === undefined ? grouped : `${grouped},${fraction}`;
}

describe('amount text in bank files', () => {
  it('reads back every amount written as ISO 20022 allows it: plain, with leading zeros, "+", extra zeros', () => {
    fc.assert(
      fc.property(amount, fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), fc.boolean(), ([currency, minor], zeros, extra, plus) => {
        const plain = formatAmount(minor, currency);
        const padded = `${plus ? '+' : ''}${'0'.repeat(zeros)}${plain}${plain.includes('.') ? '0'.repeat(extra) : ''}`;
        expect(parseIsoDecimal(plain, currency)).toBe(minor);
        expect(parseIsoDecimal(padded, currency)).toBe(minor);
      }),
      propertyRuns(),
    );
  });

  it('reads back every amount written the German way, with or without thousands dots, signed either side', () => {
    fc.assert(
      fc.property(amount, fc.boolean(), fc.constantFrom('-', '', 'trailing'), ([currency, minor], grouped, sign) => {
        const plain = formatAmount(minor, currency);
        const body = grouped ? german(plain) : plain.replace('.', ',');
        const text = sign === '-' ? `-${body}` : sign === 'trailing' ? `${body}-` : body;
        expect(readCsvAmount(text, ',', currency)).toBe(sign === '' || minor === 0 ? minor : -minor);
        expect(readCsvAmount(formatAmount(minor, currency, { grouping: true }), '.', currency)).toBe(minor);
      }),
      propertyRuns(),
    );
  });

  it.each([
    ['1.234,56', ',', 123_456],
    ['2.987', ',', 298_700],
    ['-17,9', ',', -1790],
    ['9,90-', ',', -990],
    ['100.000,00 €', ',', 10_000_000],
    ['1,234.56', '.', 123_456],
    ['-60.00', '.', -6000],
  ] as const)('reads %s with decimal "%s" as %i minor units', (text, decimal, minor) => {
    expect(readCsvAmount(text, decimal, 'EUR')).toBe(minor);
  });

  it.each([
    ['1.234,56', '.', 'found one with a decimal comma (1.234,56): set decimal=comma'],
    ['1,234.56', ',', 'found one with a decimal point (1,234.56): set decimal=dot'],
    ['31.12.2024', ',', 'found a date (31.12.2024)'],
    ['Miete', ',', 'found text'],
    ['', ',', 'found an empty cell'],
    ['1,2345', ',', 'expected at most 2 decimals for EUR, found 4'],
  ] as const)('refuses %s with decimal "%s", saying what it found', (text, decimal, message) => {
    expect(() => readCsvAmount(text, decimal, 'EUR')).toThrow(message);
  });
});

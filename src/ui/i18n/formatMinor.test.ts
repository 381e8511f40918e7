import { describe, expect, it } from 'vitest';
import { formatMinor, minorToDecimal } from './formatMinor';

describe('amounts in the UI', () => {
  it('turns minor units into exact decimal text without a float', () => {
    expect(minorToDecimal(62434462, 'EUR')).toBe('624344.62');
    expect(minorToDecimal(-5, 'EUR')).toBe('-0.05');
    expect(minorToDecimal(1234, 'JPY')).toBe('1234');
    expect(minorToDecimal(1234, 'BHD')).toBe('1.234');
    // Past 2^53 / 100 a float would already round; the text stays exact.
    expect(minorToDecimal(9007199254740991, 'EUR')).toBe('90071992547409.91');
  });

  it('formats in the user\'s locale', () => {
    expect(formatMinor(62434462, 'EUR', 'de-DE')).toBe('624.344,62\u00a0€');
    expect(formatMinor(62434462, 'EUR', 'en-GB')).toBe('€624,344.62');
    expect(formatMinor(-102410047, 'EUR', 'en-GB', 'exceptZero')).toBe('-€1,024,100.47');
  });
});

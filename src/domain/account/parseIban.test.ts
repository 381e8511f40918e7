import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Iban, parseIban } from './parseIban.js';
import { formatIban } from './formatIban.js';

// Example IBANs published by the issuing countries (ECBS / SWIFT IBAN registry examples).
const VALID = [
  'DE89370400440532013000',
  'GB29NWBK60161331926819',
  'NL91ABNA0417164300',
  'FR1420041010050500013M02606',
  'CH9300762011623852957',
  'BE68539007547034',
  'AT611904300234573201',
];

describe('parseIban', () => {
  describe('when the IBAN is valid', () => {
    it.each(VALID)('accepts %s as it is', (iban) => {
      expect(parseIban(iban)).toBe(iban);
      expect(Iban.safeParse(iban).success).toBe(true);
    });

    it('normalises spaces, hyphens and lower case to electronic format', () => {
      expect(parseIban('de89 3704 0044 0532 0130 00')).toBe('DE89370400440532013000');
      expect(parseIban('  GB29-NWBK-6016-1331-9268-19 ')).toBe('GB29NWBK60161331926819');
    });

    it('writes it back in groups of four for people', () => {
      expect(formatIban(parseIban('DE89370400440532013000'))).toBe('DE89 3704 0044 0532 0130 00');
    });
  });

  describe('when the IBAN is wrong', () => {
    it.each([
      ['DE88370400440532013000', 'a wrong check digit'],
      ['GB28NWBK60161331926819', 'a wrong check digit'],
      ['DE89370400440532013001', 'a changed account digit'],
      ['DE8937040044053201300', 'one digit short for Germany'],
      ['XX89370400440532013000', 'an unknown country'],
      ['DEAB370400440532013000', 'letters for check digits'],
      ['GB29NWBK6016133192681A', 'a letter where Britain has digits'],
      ['', 'nothing'],
      ['DE89 3704 0044 0532 0130 00 and more', 'trailing text'],
      ['DE89\u00a03704004405320130', 'a no-break space'],
      ['D'.repeat(100), 'a huge input'],
    ])('refuses %j (%s) with DOMAIN_BAD_IBAN', async (input) => {
      await expect(() => parseIban(input)).toThrowCode('DOMAIN_BAD_IBAN');
    });

    it('does not repeat the account number in its message', () => {
      expect(() => parseIban('DE88370400440532013000')).toThrow(/^(?!.*0532013000)/);
    });

    it('keeps the zod schema to electronic format: spaces are the parser’s job', () => {
      expect(Iban.safeParse('DE89 3704 0044 0532 0130 00').success).toBe(false);
      expect(Iban.safeParse('de89370400440532013000').success).toBe(false);
    });

    it('catches every single-digit substitution (mod 97-10 property)', () => {
      const valid = 'DE89370400440532013000';
      fc.assert(
        fc.property(fc.integer({ min: 2, max: valid.length - 1 }), fc.integer({ min: 1, max: 9 }), (at, shift) => {
          const digit = (Number(valid[at]) + shift) % 10;
          const changed = valid.slice(0, at) + String(digit) + valid.slice(at + 1);
          expect(() => parseIban(changed)).toThrow();
        }),
      );
    });
  });
});

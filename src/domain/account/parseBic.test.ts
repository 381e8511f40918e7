import { describe, expect, it } from 'vitest';
import { Bic, parseBic } from './parseBic.js';

describe('parseBic', () => {
  describe('when the BIC is valid', () => {
    it.each(['DEUTDEFF', 'DEUTDEFF500', 'NWBKGB2L', 'ABNANL2A', 'NEDSZAJJXXX'])('accepts %s', (bic) => {
      expect(parseBic(bic)).toBe(bic);
      expect(Bic.safeParse(bic).success).toBe(true);
    });

    it('normalises case and surrounding spaces', () => {
      expect(parseBic(' deutdeff ')).toBe('DEUTDEFF');
    });
  });

  describe('when the BIC is wrong', () => {
    it.each([
      ['DEUTDEF', 'seven characters'],
      ['DEUTDEFF50', 'ten characters'],
      ['DEUTXXFF', 'an unknown country'],
      ['DEUT DEFF', 'a space inside'],
      ['DEUTDEFF5000', 'twelve characters'],
      ['ABN4NL2A', 'a digit in the bank code'],
      ['', 'nothing'],
    ])('refuses %j (%s) with DOMAIN_BAD_BIC', async (input) => {
      await expect(() => parseBic(input)).toThrowCode('DOMAIN_BAD_BIC');
    });

    it('keeps the zod schema to upper case', () => {
      expect(Bic.safeParse('deutdeff').success).toBe(false);
    });
  });
});

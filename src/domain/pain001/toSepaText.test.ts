import { describe, expect, it } from 'vitest';
import { toSepaText } from './toSepaText.js';

describe('toSepaText', () => {
  describe('when the text is Latin', () => {
    it.each([
      ['Müller & Söhne <GmbH>', 'Muller + Sohne (GmbH)'],
      ['Société Générale', 'Societe Generale'],
      ['Straße 5; "Büro"', "Strasse 5, 'Buro'"],
      ['Łódź Ørsted Æble', 'Lodz Orsted AEble'],
      ['Invoice #42 = 100%', 'Invoice .42 . 100.'],
      ['¿Qué? ½ × ﬁle', '.Que? 1/2 . file'],
      ['Ǣsir Ǿre Ŀa', 'AEsir Ore La'],
      ['Rechnung – 100 €', 'Rechnung - 100 EUR'],
      ["O'Neil (UK) Ltd./Inc.-x?:,+", "O'Neil (UK) Ltd./Inc.-x?:,+"],
    ])('writes %j as %j', (text, sepa) => {
      expect(toSepaText(text, 'name', 70)).toBe(sepa);
    });

    it('writes every Latin-1 and Latin Extended-A character in the SEPA set', () => {
      for (let codePoint = 0x20; codePoint <= 0x17f; codePoint += 1) {
        if ((codePoint >= 0x7f && codePoint <= 0x9f) || codePoint === 0xad) continue;
        const text = `A${String.fromCodePoint(codePoint)}`;
        expect(toSepaText(text, 'name', 10), text).toMatch(/^[A-Za-z0-9/\-?:().,'+ ]+$/);
      }
    });
  });

  describe('when the text is in another script', () => {
    it.each(['株式会社', 'Ελλάδα', 'Москва', 'ACME 😀', '\u00ad'])('refuses %j with DOMAIN_BAD_CHARSET', async (text) => {
      await expect(() => toSepaText(text, 'creditor name', 70)).toThrowCode('DOMAIN_BAD_CHARSET');
    });
  });

  describe('when the converted text is too long', () => {
    it('refuses it with DOMAIN_BAD_EXPORT', async () => {
      await expect(() => toSepaText('ß'.repeat(36), 'name', 70)).toThrowCode('DOMAIN_BAD_EXPORT');
    });
  });
});

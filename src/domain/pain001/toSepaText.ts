import { CofferError } from '../../contract/index.js';

/*
 * The SEPA basic Latin character set (EPC "SEPA Requirements for an Extended Character Set",
 * EPC217-08): a-z A-Z 0-9 / - ? : ( ) . , ' + and space. Banks may reject anything else, so a
 * SEPA file is written in it. Latin letters with diacritics lose them (the EPC conversion table's
 * first choice: Ä → A, é → e); a few letters and signs have fixed replacements; other Latin
 * punctuation and symbols become "." as in the EPC table. Letters of other scripts (株式会社, Ελλάδα, Москва)
 * have no faithful Latin form, so they are refused rather than turned into dots: a payee name of
 * "...." would be paid all the same, but nobody could check it.
 */
const SEPA_CHARACTER = /^[A-Za-z0-9/\-?:().,'+ ]$/;

const REPLACEMENTS: Readonly<Record<string, string>> = {
  ß: 'ss', ẞ: 'SS', Æ: 'AE', æ: 'ae', Œ: 'OE', œ: 'oe', Ø: 'O', ø: 'o', Ł: 'L', ł: 'l', Đ: 'D', đ: 'd',
  Ð: 'D', ð: 'd', Þ: 'TH', þ: 'th', ı: 'i', Ħ: 'H', ħ: 'h', Ŧ: 'T', ŧ: 't', ĸ: 'k', Ŀ: 'L', ŀ: 'l',
  ŉ: "'n", Ŋ: 'N', ŋ: 'n',
  '&': '+', '<': '(', '>': ')', '[': '(', ']': ')', '{': '(', '}': ')', '"': "'", ';': ',', _: '-',
  '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u2032': "'", '\u201c': "'", '\u201d': "'", '\u201e': "'",
  '\u00ab': "'", '\u00bb': "'", '\u2013': '-', '\u2014': '-', '\u2010': '-', '\u2212': '-', '\u2026': '...',
  '\u00a0': ' ', '\u00ad': '', '€': 'EUR', µ: 'u', '¼': '1/4', '½': '1/2', '¾': '3/4',
};

const PUNCTUATION_OR_SYMBOL = /^[\p{P}\p{S}]$/u;
const COMBINING_MARK = /\p{M}/gu;
// Punctuation and symbols of the Latin blocks (up to Latin Extended-B) become "."; beyond, they
// come with other scripts (or are emoji) and are refused with them.
const LAST_LATIN_CODE_POINT = 0x24f;

function convert(character: string): string | undefined {
  if (SEPA_CHARACTER.test(character)) return character;
  const replacement = REPLACEMENTS[character];
  if (replacement !== undefined) return replacement;
  // Latin letter with diacritics, ligature or full-width form: decompose (NFKD), keep the base letters.
  const parts = [...character.normalize('NFKD').replace(COMBINING_MARK, '')].map((part) => REPLACEMENTS[part] ?? part);
  if (parts.length > 0 && parts.every((part) => [...part].every((c) => SEPA_CHARACTER.test(c)))) return parts.join('');
  const codePoint = character.codePointAt(0) ?? Number.MAX_SAFE_INTEGER;
  if (codePoint <= LAST_LATIN_CODE_POINT && PUNCTUATION_OR_SYMBOL.test(character)) return '.';
  return undefined;
}

/**
 * The text in the SEPA character set, or DOMAIN_BAD_CHARSET naming `field` and the character's
 * code point when a character has no Latin form. Refuses results longer than `maxLength`
 * characters (transliteration can lengthen: ß → ss) with DOMAIN_BAD_EXPORT.
 */
export function toSepaText(text: string, field: string, maxLength: number): string {
  let out = '';
  for (const character of text) {
    const converted = convert(character);
    if (converted === undefined) {
      const codePoint = `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
      throw new CofferError('DOMAIN_BAD_CHARSET', `expected ${field} in Latin script for SEPA, found ${codePoint}`);
    }
    out += converted;
  }
  if (out.length === 0 && text.length > 0) {
    throw new CofferError('DOMAIN_BAD_CHARSET', `expected ${field} with visible Latin characters for SEPA, found none`);
  }
  if (out.length > maxLength) {
    throw new CofferError('DOMAIN_BAD_EXPORT', `expected ${field} of at most ${maxLength} characters in the SEPA character set, found ${out.length}`);
  }
  return out;
}

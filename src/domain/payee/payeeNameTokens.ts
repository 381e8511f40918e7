/**
 * Legal-form designations (EPC288-23, the EPC's matching recommendations, treats them as a deviation that
 * need not fail a match): a name with and without "GmbH" is one name, "GmbH" against "AG" is not.
 * Written as they read once dots are gone and case is folded ("B.V." → "bv", "S.à r.l." → "sarl").
 * Equivalent forms share one canonical spelling, so "Limited" and "Ltd" agree.
 */
const LEGAL_FORMS: Readonly<Record<string, string>> = Object.freeze({
  ag: 'ag',
  aktiengesellschaft: 'ag',
  gmbh: 'gmbh',
  mbh: 'gmbh',
  ug: 'ug',
  kg: 'kg',
  kgaa: 'kgaa',
  ohg: 'ohg',
  ek: 'ek',
  ev: 'ev',
  eg: 'eg',
  se: 'se',
  ltd: 'ltd',
  limited: 'ltd',
  plc: 'plc',
  llp: 'llp',
  llc: 'llc',
  inc: 'inc',
  incorporated: 'inc',
  corp: 'corp',
  corporation: 'corp',
  co: 'co',
  cokg: 'co',
  sa: 'sa',
  sas: 'sas',
  sarl: 'sarl',
  sasu: 'sasu',
  srl: 'srl',
  spa: 'spa',
  sl: 'sl',
  slu: 'slu',
  bv: 'bv',
  nv: 'nv',
  vof: 'vof',
  ab: 'ab',
  publ: 'ab',
  as: 'as',
  asa: 'asa',
  aps: 'aps',
  oy: 'oy',
  oyj: 'oyj',
  sp: 'sp',
  zoo: 'zoo',
});

/** Words that join names and say nothing about who is meant ("Müller & Söhne", "Müller und Söhne"). */
const JOINING_WORDS = new Set(['and', 'und', 'et', 'en', 'y', 'e']);

// Letters that NFKD does not decompose into a base letter and a mark.
const FOLDED_LETTERS: Readonly<Record<string, string>> = Object.freeze({ ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' });

// DIN 5007-2's spelling of the umlauts, as a German keyboard-less payer writes "Präzision" ("Praezision").
const GERMAN_TRANSLITERATION: Readonly<Record<string, string>> = Object.freeze({ ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue' });

/** A name taken apart: its words (without legal forms, case, diacritics and punctuation) and its legal forms. */
export interface PayeeNameTokens {
  /** The distinguishing words, in the order written. */
  words: string[];
  /** The legal forms named, canonical, sorted, each once. */
  legalForms: string[];
}

/**
 * Case folded, diacritics and compatibility forms removed (NFKD, then combining marks dropped), dots
 * removed inside abbreviations ("B.V."), every other punctuation a word break, "&" a joining word.
 * `transliterate` spells the German umlauts out first ("ä" → "ae") instead of dropping their marks.
 */
export function payeeNameTokens(name: string, options: { transliterate?: boolean } = {}): PayeeNameTokens {
  const spelt = options.transliterate ? name.normalize('NFC').replace(/[äöüÄÖÜ]/g, (umlaut) => GERMAN_TRANSLITERATION[umlaut] ?? umlaut) : name;
  const folded = spelt
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLocaleLowerCase('und')
    .replace(/[ßæœøłđðþı]/g, (letter) => FOLDED_LETTERS[letter] ?? letter)
    .replace(/[.'’`]/g, '')
    .replace(/&/g, ' and ');
  const raw = folded.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0 && !JOINING_WORDS.has(word));
  const words = raw.filter((word) => LEGAL_FORMS[word] === undefined);
  const legalForms = [...new Set(raw.map((word) => LEGAL_FORMS[word]).filter((form): form is string => form !== undefined))].sort();
  // A name that is nothing but legal-form words ("AS", "SE") keeps them as its words.
  return words.length > 0 ? { words, legalForms } : { words: raw, legalForms: [] };
}

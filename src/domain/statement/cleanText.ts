import type { ImportWarning } from './importWarning.js';

/** Longest text kept from a bank file (a camt Ustrd is 140, AddtlNtryInf 500, a :86: field 390). */
export const MAX_IMPORTED_TEXT = 2000;

// Control characters (C0 other than the white space folded below, DEL, C1), noncharacters, and the
// bidirectional overrides and isolates of "Trojan Source" (CVE-2021-42574) plus the BOM: removed, so
// what Coffer shows and exports is what the bank sent, and a name cannot be displayed as another.
// eslint-disable-next-line no-control-regex -- the point is to find control characters
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// Printable ASCII and Latin-1 letters: nothing to remove, and NFC leaves them as they are.
const PLAIN = /^[\t\n\r\x20-\x7e\xa0-\xff]*$/;
const WHITE_RUNS = /[ \t\r\n]+/g;
const FOLDABLE = /[\t\r\n]| {2}/;

/** Where a text is, for a warning; a function so the path is only worked out when a warning needs it. */
export type Where = string | (() => string);

function place(where: Where): string {
  return typeof where === 'string' ? where : where();
}

/**
 * Text from a bank file as Coffer keeps it: NFC, runs of white space folded to one space, trimmed.
 * Control characters, bidirectional overrides and lone surrogates are removed and a TEXT_CLEANED
 * warning names `where`; text beyond `max` characters is cut with TEXT_SHORTENED. Never refuses:
 * a bad character in a remittance line must not cost the booking.
 */
export function cleanText(value: string, where: Where, warnings: ImportWarning[], max = MAX_IMPORTED_TEXT): string {
  let text = value;
  if (!PLAIN.test(text)) {
    const cleaned = text.replace(UNSAFE, '');
    if (cleaned.length !== text.length) {
      warnings.push({ code: 'TEXT_CLEANED', where: place(where), message: 'control characters or bidirectional overrides were removed from the text' });
    }
    text = cleaned.normalize('NFC');
  }
  if (FOLDABLE.test(text)) text = text.replace(WHITE_RUNS, ' ');
  text = text.trim();
  if (text.length > max) {
    warnings.push({ code: 'TEXT_SHORTENED', where: place(where), message: `the text was cut to ${max} characters` });
    text = text.slice(0, max);
  }
  return text;
}

/** cleanText for an optional value: null for absent or empty text. */
export function cleanOptional(value: string | null | undefined, where: Where, warnings: ImportWarning[], max = MAX_IMPORTED_TEXT): string | null {
  if (value === null || value === undefined) return null;
  const text = cleanText(value, where, warnings, max);
  return text === '' ? null : text;
}

/**
 * Joins lines a bank split at a fixed width (camt Ustrd at 35, MT940 :86: subfields at 27): a line
 * exactly `width` characters long was cut in mid-text and continues without a space; a shorter line
 * ended where the sender ended it, so a space follows. Lines are joined raw, before white space is
 * folded, so a space at a cut is kept.
 */
export function joinSplitLines(lines: readonly string[], width: number): string {
  let joined = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (i > 0) {
      const previous = lines[i - 1] as string;
      // Code points never outnumber UTF-16 units: only a line at least `width` units long can be full.
      if (previous.length < width || [...previous].length !== width) joined += ' ';
    }
    joined += line;
  }
  return joined;
}

/** A reference as banks write "none": empty or NOTPROVIDED (EPC) / NONREF (SWIFT) → null. */
export function referenceOrNull(value: string | null): string | null {
  if (value === null) return null;
  const text = value.trim();
  return text === '' || text === 'NOTPROVIDED' || text === 'NONREF' ? null : text;
}

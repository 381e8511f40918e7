/**
 * Characters that make spreadsheet programs read a cell as a formula (OWASP "CSV Injection"):
 * = + - @, tab and CR, and their full-width forms some locales also accept.
 */
const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

/**
 * Text that needs the apostrophe: a formula start, or apostrophes before one. Without the second
 * part the text `'=` would be written as `'=` and read back as `=`, the same cell as the formula.
 */
const NEEDS_APOSTROPHE = /^'*[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

/** True when a text cell would be taken for a formula if written to CSV as it is. */
export function looksLikeFormula(cell: string): boolean {
  return FORMULA_START.test(cell);
}

/**
 * A text value written as one RFC 4180 CSV field that no spreadsheet runs: a cell that looks like
 * a formula gets a leading apostrophe (the OWASP recommendation; Excel hides it, the text stays
 * readable), and a field with a comma, quote, line break or surrounding space is quoted with its
 * quotes doubled. Text that already starts with apostrophes before a formula start gets one more,
 * so the mapping stays reversible: a reader removes one apostrophe from a field that is apostrophes
 * then a formula start, and has the exact text back. For text columns only: amounts are written
 * with formatAmount, not through here.
 */
export function neutraliseCsvCell(value: string): string {
  const safe = NEEDS_APOSTROPHE.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * Characters that make spreadsheet programs read a cell as a formula (OWASP "CSV Injection"):
 * = + - @, tab and CR, and their full-width forms some locales also accept.
 */
const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

/** True when a text cell would be taken for a formula if written to CSV as it is. */
export function looksLikeFormula(cell: string): boolean {
  return FORMULA_START.test(cell);
}

/**
 * A text value written as one RFC 4180 CSV field that no spreadsheet runs: a cell that looks like
 * a formula gets a leading apostrophe (the OWASP recommendation; Excel hides it, the text stays
 * readable), and a field with a comma, quote, line break or surrounding space is quoted with its
 * quotes doubled. For text columns only: amounts are written with formatAmount, not through here.
 */
export function neutraliseCsvCell(value: string): string {
  const safe = looksLikeFormula(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

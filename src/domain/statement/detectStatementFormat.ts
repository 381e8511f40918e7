/** The kinds of statement file Coffer reads. */
export type StatementFileFormat = 'camt' | 'mt940' | 'csv';

const MT940_START = /^\s*(?:\{1:|:20:|:NS:)/;
const MT940_FIELD = /(?:^|\n):(?:20|25|28C|60[FM]|61|62[FM]|86):/g;

/**
 * What a statement file is, by its content: XML (camt.05x, possibly in an envelope), SWIFT MT940/MT942
 * (fields :20:, :25:, :60F: … at line starts, or a SWIFT block header), else CSV. The file name only
 * breaks a tie: content that is neither XML nor MT940 is CSV whatever its name.
 */
export function detectStatementFormat(text: string): StatementFileFormat {
  const head = text.slice(0, 4096);
  if (head.trimStart().startsWith('<')) return 'camt';
  if (MT940_START.test(head)) return 'mt940';
  const fields = new Set(head.match(MT940_FIELD)?.map((field) => field.trim()));
  if (fields.size >= 3 && fields.has(':20:')) return 'mt940';
  return 'csv';
}

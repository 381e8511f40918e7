import { extname } from 'node:path';
import type { FileInput } from '../../../api/index.js';
import { MAX_CSV_LENGTH, MAX_XML_LENGTH, parseCamt053, parseStatementCsv, type StatementEntry } from '../../../domain/index.js';
import { CofferError } from '../../../contract/index.js';

export type StatementFormat = 'camt.053' | 'csv';

/** A statement file read: per account named in it (CSV names none), its entries in file order. */
export interface StatementFile {
  format: StatementFormat;
  statements: { accountIban: string | undefined; currency: string | undefined; entries: StatementEntry[] }[];
  formulaCells: number;
}

function decodeText(file: FileInput): string {
  // Ensure the size is bounded before decoding: the parsers refuse more anyway, after a costly decode.
  if (file.bytes.byteLength > MAX_XML_LENGTH) throw new CofferError('APP_BAD_FILE', `expected a statement file of at most ${MAX_XML_LENGTH} bytes, found ${file.bytes.byteLength}`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
  } catch {
    throw new CofferError('APP_BAD_FILE', `expected a UTF-8 statement file, found other bytes in ${file.name}`);
  }
}

function detect(path: string, text: string): StatementFormat {
  const extension = extname(path).toLowerCase();
  if (extension === '.xml') return 'camt.053';
  if (extension === '.csv') return 'csv';
  return text.replace(/^\uFEFF/, '').trimStart().startsWith('<') ? 'camt.053' : 'csv';
}

/** Parses a camt.053 or CSV statement; the domain parsers name the element or line at fault. */
export function readStatementFile(file: FileInput, format?: StatementFormat): StatementFile {
  const text = decodeText(file);
  const chosen = format ?? detect(file.name, text);
  if (chosen === 'camt.053') {
    const statements = parseCamt053(text).map((s) => ({ accountIban: s.accountIban, currency: s.currency, entries: s.entries }));
    return { format: chosen, statements, formulaCells: 0 };
  }
  if (text.length > MAX_CSV_LENGTH) throw new CofferError('APP_BAD_FILE', `expected a CSV file of at most ${MAX_CSV_LENGTH} characters, found more`);
  const csv = parseStatementCsv(text);
  return { format: chosen, statements: [{ accountIban: undefined, currency: undefined, entries: csv.entries }], formulaCells: csv.formulaCells.length };
}

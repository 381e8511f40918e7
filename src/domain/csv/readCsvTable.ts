import { parse } from 'csv-parse/sync';
import { CofferError } from '../../contract/index.js';

/** Largest CSV text read, in characters. */
export const MAX_BANK_CSV_LENGTH = 64 * 1024 * 1024;
const MAX_RECORD_SIZE = 64 * 1024;
const MAX_COLUMNS = 200;

/** One record of the table with the (1-based) line it starts on; empty lines are left out. */
export interface CsvRow {
  line: number;
  cells: string[];
}

const CANDIDATES = [';', ',', '\t', '|'] as const;

function countOutsideQuotes(line: string, delimiter: string): number {
  let count = 0;
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (char === delimiter && !quoted) count += 1;
  }
  return count;
}

/**
 * The field separator of a CSV text: of ";", ",", tab and "|", the one that splits the most of the
 * first 60 lines into the same number of fields (";" wins a tie: German bank exports use it).
 */
export function detectDelimiter(text: string): string {
  const lines = text.slice(0, 64 * 1024).split(/\r\n|\n|\r/).filter((line) => line.trim() !== '').slice(0, 60);
  let best: string = ';';
  let bestScore = -1;
  for (const candidate of CANDIDATES) {
    const counts = new Map<number, number>();
    for (const line of lines) {
      const count = countOutsideQuotes(line, candidate);
      if (count > 0) counts.set(count, (counts.get(count) ?? 0) + 1);
    }
    // Score: lines that agree on the most common field count, weighted by how many fields that is.
    let score = 0;
    for (const [fields, lineCount] of counts) score = Math.max(score, lineCount * 1000 + fields);
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Splits CSV text into rows with csv-parse (RFC 4180 quoting, fields over several lines, rows of
 * uneven length allowed: exports pad or shorten rows). Each row carries the line it starts on, so
 * every message can name it. Refuses broken quoting, oversized records and text beyond the size
 * limit with DOMAIN_BAD_CSV naming the line.
 */
export function readCsvTable(text: string, delimiter: string): CsvRow[] {
  if (text.length > MAX_BANK_CSV_LENGTH) throw new CofferError('DOMAIN_BAD_CSV', `expected CSV text of at most ${MAX_BANK_CSV_LENGTH} characters, found ${text.length}`);
  let records: { record: string[]; raw: string }[];
  try {
    records = parse(text, {
      delimiter,
      bom: true,
      raw: true,
      relax_column_count: true,
      relax_quotes: true,
      max_record_size: MAX_RECORD_SIZE,
    }) as unknown as { record: string[]; raw: string }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    const reason = (error as { code?: string }).code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quote that is never closed' : 'quoting or a record size CSV does not allow';
    throw new CofferError('DOMAIN_BAD_CSV', `line ${line ?? '?'}: expected "${delimiter === '\t' ? 'tab' : delimiter}"-separated CSV with quotes around whole fields, found ${reason}`, { cause: error });
  }
  const rows: CsvRow[] = [];
  let line = 1;
  for (const { record, raw } of records) {
    if (record.length > MAX_COLUMNS) throw new CofferError('DOMAIN_BAD_CSV', `line ${line}: expected at most ${MAX_COLUMNS} fields, found ${record.length}`);
    if (!(record.length === 1 && (record[0] as string).trim() === '')) rows.push({ line, cells: record });
    // csv-parse's raw text holds the record's line breaks (a CRLF's LF may be cut): count them as lines.
    line += raw.match(/\r\n|\r|\n/g)?.length ?? 0;
  }
  return rows;
}

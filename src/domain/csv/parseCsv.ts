import { CofferError } from '../../contract/index.js';

/** Largest CSV text read, in characters. */
export const MAX_CSV_LENGTH = 20 * 1024 * 1024;
const MAX_FIELDS = 64;
const MAX_FIELD_LENGTH = 10_000;

/** One CSV record with the (1-based) line on which it starts. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

function bad(line: number, expected: string, found: string): CofferError {
  return new CofferError('DOMAIN_BAD_CSV', `line ${line}: expected ${expected}, found ${found}`);
}

/**
 * Splits RFC 4180 CSV text into records: comma-separated fields, CRLF or LF line ends, fields in
 * double quotes may hold commas, line breaks and doubled quotes (""). A leading BOM is skipped and
 * empty lines are ignored. Refuses with DOMAIN_BAD_CSV naming the line: a quote inside an unquoted
 * field, text after a closing quote, a quote never closed, a bare CR, too many or too long fields.
 */
export function parseCsv(text: string): CsvRecord[] {
  if (typeof text !== 'string' || text.length > MAX_CSV_LENGTH) {
    throw new CofferError('DOMAIN_BAD_CSV', `expected CSV text of at most ${MAX_CSV_LENGTH} characters, found ${typeof text === 'string' ? text.length : typeof text}`);
  }
  const records: CsvRecord[] = [];
  let line = 1;
  let i = text.startsWith('\ufeff') ? 1 : 0;
  let fields: string[] = [];
  let recordLine = 1;

  const endField = (value: string) => {
    if (value.length > MAX_FIELD_LENGTH) throw bad(line, `fields of at most ${MAX_FIELD_LENGTH} characters`, `${value.length}`);
    fields.push(value);
    if (fields.length > MAX_FIELDS) throw bad(recordLine, `at most ${MAX_FIELDS} fields`, 'more');
  };
  const endRecord = () => {
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
  };

  while (i <= text.length) {
    if (fields.length === 0) recordLine = line;
    let value = '';
    if (text[i] === '"') {
      const opened = line;
      i += 1;
      for (;;) {
        if (i >= text.length) throw bad(opened, 'a closing quote for the field opened here', 'the end of the text');
        const c = text[i] as string;
        if (c === '"' && text[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (c === '"') {
          i += 1;
          break;
        } else {
          if (c === '\n') line += 1;
          value += c;
          i += 1;
        }
      }
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') throw bad(line, 'a comma or line end after a closing quote', 'more text');
    } else {
      const start = i;
      while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
        if (text[i] === '"') throw bad(line, 'quotes only around a whole field', 'a quote inside an unquoted field');
        i += 1;
      }
      value = text.slice(start, i);
    }
    endField(value);
    const separator = text[i];
    if (separator === ',') {
      i += 1;
      continue;
    }
    if (separator === '\r') {
      if (text[i + 1] !== '\n') throw bad(line, 'CRLF or LF line ends', 'a bare CR');
      i += 1;
    }
    endRecord();
    line += 1;
    i += 1;
  }
  return records;
}

import { parseIban } from '../account/parseIban.js';
import { parseAmount } from '../money/parseAmount.js';
import { parseCurrency } from '../money/currency.js';
import { parseWith } from '../parseWith.js';
import { StatementEntry, cleanImportedText } from '../statement/statement.js';
import { looksLikeFormula } from './neutraliseCsvCell.js';
import { parseCsv, type CsvRecord } from './parseCsv.js';
import { CofferError } from '../../contract/index.js';

/** The columns of a Coffer statement CSV, in any order, each exactly once (see docs/domain.md). */
export const STATEMENT_CSV_COLUMNS = [
  'entry_ref',
  'booking_date',
  'value_date',
  'amount',
  'currency',
  'counterparty_name',
  'counterparty_iban',
  'remittance_info',
] as const;
type Column = (typeof STATEMENT_CSV_COLUMNS)[number];

const TEXT_COLUMNS: readonly Column[] = ['entry_ref', 'counterparty_name', 'remittance_info'];

/** A text cell that a spreadsheet would run as a formula: kept as data, to be neutralised on export. */
export interface FormulaCell {
  line: number;
  column: Column;
}

export interface CsvStatementImport {
  entries: StatementEntry[];
  formulaCells: FormulaCell[];
}

function columnIndexes(header: CsvRecord): Record<Column, number> {
  const names = header.fields.map((name) => name.trim());
  for (const [index, name] of names.entries()) {
    if (!(STATEMENT_CSV_COLUMNS as readonly string[]).includes(name)) {
      throw new CofferError('DOMAIN_BAD_CSV', `line ${header.line}: expected only the columns ${STATEMENT_CSV_COLUMNS.join(', ')}, found an unknown column ${index + 1}`);
    }
    if (names.indexOf(name) !== index) throw new CofferError('DOMAIN_BAD_CSV', `line ${header.line}: expected column ${name} once, found it twice`);
  }
  const missing = STATEMENT_CSV_COLUMNS.filter((name) => !names.includes(name));
  if (missing.length > 0) throw new CofferError('DOMAIN_BAD_CSV', `line ${header.line}: expected columns ${missing.join(', ')}, found none`);
  return Object.fromEntries(STATEMENT_CSV_COLUMNS.map((name) => [name, names.indexOf(name)])) as Record<Column, number>;
}

function readRow(record: CsvRecord, columns: Record<Column, number>, formulaCells: FormulaCell[]): StatementEntry {
  const cell = (column: Column) => record.fields[columns[column]] ?? '';
  // Runs one conversion and names the line and column when it fails.
  const read = <T>(column: Column, convert: (value: string) => T): T => {
    try {
      return convert(cell(column));
    } catch (error) {
      if (!(error instanceof CofferError)) throw error;
      throw new CofferError('DOMAIN_BAD_CSV', `line ${record.line}, column ${column}: ${error.message}`, { cause: error });
    }
  };
  for (const column of TEXT_COLUMNS) {
    if (looksLikeFormula(cell(column)) || looksLikeFormula(cleanImportedText(cell(column)))) formulaCells.push({ line: record.line, column });
  }
  const currency = read('currency', (value) => parseCurrency(value.trim()));
  const name = cleanImportedText(cell('counterparty_name'));
  const iban = cell('counterparty_iban').trim();
  return parseWith(
    StatementEntry,
    {
      entryRef: cleanImportedText(cell('entry_ref')),
      bookingDate: cell('booking_date').trim(),
      valueDate: cell('value_date').trim() || null,
      amountMinor: read('amount', (value) => parseAmount(value.trim(), currency, { signed: true })),
      currency,
      counterpartyName: name || null,
      counterpartyIban: iban ? read('counterparty_iban', parseIban) : null,
      remittanceInfo: cleanImportedText(cell('remittance_info')),
    },
    'DOMAIN_BAD_CSV',
    `line ${record.line}, field`,
  );
}

/**
 * @deprecated Use parseStatementFile, which reads this format as dialect "coffer" besides the banks' own.
 *
 * Reads a statement CSV (RFC 4180, header row with the STATEMENT_CSV_COLUMNS; amounts signed,
 * "." decimals, parsed exactly by parseAmount). Refuses the file with DOMAIN_BAD_CSV naming the
 * line (and column) of the first bad row. Cells that a spreadsheet would run as formulas are
 * kept as data and listed in `formulaCells`; neutraliseCsvCell must be used on any later export.
 */
export function parseStatementCsv(text: string): CsvStatementImport {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new CofferError('DOMAIN_BAD_CSV', 'line 1: expected a header row, found an empty file');
  const columns = columnIndexes(header);
  const formulaCells: FormulaCell[] = [];
  const entries = rows.map((record) => {
    if (record.fields.length !== header.fields.length) {
      throw new CofferError('DOMAIN_BAD_CSV', `line ${record.line}: expected ${header.fields.length} fields, found ${record.fields.length}`);
    }
    return readRow(record, columns, formulaCells);
  });
  return { entries, formulaCells };
}

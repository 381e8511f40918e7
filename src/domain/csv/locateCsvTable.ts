import type { Currency } from '../money/currency.js';
import { CSV_DIALECTS, GENERIC_COLUMNS, TARGOBANK, TARGOBANK_ROW, normaliseHeader, type CsvDialect } from './csvDialects.js';
import type { CsvColumn, CsvField } from './csvMapping.js';
import { COLUMNS_SYNTAX, type CsvColumnsOption } from './parseColumnMapping.js';
import type { CsvRow } from './readCsvTable.js';
import { isCsvDate } from './readCsvValues.js';
import { CofferError } from '../../contract/index.js';

/** Where the table is in the file and what its columns mean. */
export interface CsvTable {
  dialect: { id: string; name: string; decimal: ',' | '.' | null; currency: Currency | null };
  header: CsvRow | null;
  columns: Partial<Record<CsvField, CsvColumn>>;
  /** Rows above the header (ING and DKB put the account and balances there). */
  preamble: CsvRow[];
  rows: CsvRow[];
}

const HEADER_SEARCH_ROWS = 40;
const KNOWN_EXPORTS = 'Sparkasse (CSV-CAMT V2/V8, CSV-MT940), Volksbanken Raiffeisenbanken and GLS (Atruvia), Commerzbank, DKB, ING, Deutsche Bank/Postbank, Targobank, or Coffer\'s own columns';

function describeColumns(row: CsvRow | undefined): string {
  if (!row) return 'no rows';
  return row.cells.map((cell, index) => `${index + 1} ${cell.trim().slice(0, 30) || '(empty)'}`).join(', ');
}

/** Header cells → fields with a dialect's names; a second currency column counts only after the amount. */
function mapHeader(header: CsvRow, names: Readonly<Record<string, CsvField>>): Partial<Record<CsvField, CsvColumn>> {
  const columns: Partial<Record<CsvField, CsvColumn>> = {};
  header.cells.forEach((cell, index) => {
    const field = names[normaliseHeader(cell)];
    if (field === undefined) return;
    const taken = columns[field];
    const amount = columns.amount;
    // ING: "Saldo;Währung;Betrag;Währung": the amount's currency is the one after Betrag.
    const replace = field === 'currency' && taken !== undefined && amount !== undefined && taken.index < amount.index && index + 1 > amount.index;
    if (taken === undefined || replace) columns[field] = { index: index + 1, header: cell.trim() };
  });
  return columns;
}

function fromDialect(dialect: CsvDialect, rows: CsvRow[], at: number): CsvTable {
  const header = rows[at] as CsvRow;
  return {
    dialect: { id: dialect.id, name: dialect.name, decimal: dialect.decimal, currency: dialect.currency ?? null },
    header,
    columns: mapHeader(header, dialect.columns),
    preamble: rows.slice(0, at),
    rows: rows.slice(at + 1),
  };
}

function isTargobankRow(row: CsvRow): boolean {
  const last = [...row.cells].reverse().find((cell) => cell.trim() !== '') ?? '';
  return row.cells.length >= 5 && TARGOBANK_ROW.test((row.cells[0] ?? '').trim()) && /^'[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}'$/.test(last.trim());
}

/** A user's mapping: columns by number or header text; rows before the first dated one are not table. */
function fromOption(option: CsvColumnsOption, rows: CsvRow[]): CsvTable {
  const named = Object.values(option.columns).filter((value): value is string => typeof value === 'string');
  let headerAt: number;
  let dataStart: number;
  if (named.length > 0) {
    headerAt = rows.findIndex((row) => named.every((name) => row.cells.some((cell) => normaliseHeader(cell) === normaliseHeader(name))));
    if (headerAt === -1) {
      throw new CofferError('DOMAIN_BAD_CSV', `columns: expected a header row with the columns ${named.map((name) => `"${name.slice(0, 30)}"`).join(', ')}, found none; the first row is: ${describeColumns(rows[0])}`);
    }
    dataStart = headerAt + 1;
  } else {
    const date = option.columns.bookingDate as number;
    dataStart = rows.findIndex((row) => isCsvDate(row.cells[date - 1]));
    if (dataStart === -1) {
      throw new CofferError('DOMAIN_BAD_CSV', `columns: expected dates such as 31.12.2024 in column ${date} (date=${date}), found none in any row; the first row is: ${describeColumns(rows[0])}`);
    }
    if (option.header === true && dataStart === 0) dataStart = 1;
    headerAt = option.header === false || dataStart === 0 ? -1 : dataStart - 1;
  }
  const header = headerAt >= 0 ? (rows[headerAt] as CsvRow) : null;
  const columns: Partial<Record<CsvField, CsvColumn>> = {};
  for (const [field, value] of Object.entries(option.columns) as [CsvField, number | string][]) {
    const index = typeof value === 'number' ? value : (header?.cells.findIndex((cell) => normaliseHeader(cell) === normaliseHeader(value)) ?? 0) + 1;
    columns[field] = { index, header: header?.cells[index - 1]?.trim() ?? null };
  }
  return {
    dialect: { id: 'columns', name: 'columns given by the user', decimal: option.decimal ?? null, currency: option.currency ?? null },
    header,
    columns,
    preamble: rows.slice(0, headerAt >= 0 ? headerAt : dataStart),
    rows: rows.slice(dataStart),
  };
}

/**
 * Finds the table in a bank CSV and what its columns mean: a user's mapping when given; else the
 * first of the first 40 rows whose header cells carry a known export's column names (rows above it are
 * the preamble); else the Targobank shape (no header, the own IBAN in quotes last); else a header with
 * the usual German or English names of a date and an amount ("generic"). Refuses anything else with
 * DOMAIN_BAD_CSV listing the columns it found and how to give a mapping.
 */
export function locateCsvTable(rows: CsvRow[], option: CsvColumnsOption | undefined, delimiter: string): CsvTable {
  if (rows.length === 0) throw new CofferError('DOMAIN_BAD_CSV', 'line 1: expected a CSV table, found an empty file');
  if (option) return fromOption(option, rows);
  const search = rows.slice(0, HEADER_SEARCH_ROWS);
  for (let at = 0; at < search.length; at++) {
    const names = new Set((search[at] as CsvRow).cells.map(normaliseHeader));
    const dialect = CSV_DIALECTS.find((candidate) => candidate.signature.every((name) => names.has(name)));
    if (dialect) return fromDialect(dialect, rows, at);
  }
  const firstData = search.findIndex(isTargobankRow);
  if (firstData !== -1) {
    return {
      dialect: { id: TARGOBANK.id, name: TARGOBANK.name, decimal: null, currency: 'EUR' },
      header: null,
      columns: { bookingDate: { index: 1, header: null }, remittance: { index: 2, header: null }, debit: { index: 3, header: null }, credit: { index: 4, header: null }, accountIban: { index: 7, header: null } },
      preamble: rows.slice(0, firstData),
      rows: rows.slice(firstData),
    };
  }
  for (let at = 0; at < search.length; at++) {
    const columns = mapHeader(search[at] as CsvRow, GENERIC_COLUMNS);
    if (columns.bookingDate && (columns.amount || (columns.debit && columns.credit)) && isCsvDate(rows[at + 1]?.cells[columns.bookingDate.index - 1])) {
      return { dialect: { id: 'generic', name: 'a CSV with usual column names (check the mapping)', decimal: null, currency: null }, header: search[at] as CsvRow, columns, preamble: rows.slice(0, at), rows: rows.slice(at + 1) };
    }
  }
  const separator = delimiter === '\t' ? 'tab' : `"${delimiter}"`;
  throw new CofferError(
    'DOMAIN_BAD_CSV',
    `line ${rows[0]?.line ?? 1}: expected the header row of a bank export Coffer knows (${KNOWN_EXPORTS}), found a ${separator}-separated table whose first row is: ${describeColumns(rows[0])}; give the columns instead: ${COLUMNS_SYNTAX}`,
  );
}

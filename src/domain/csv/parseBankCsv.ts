import type { Currency } from '../money/currency.js';
import { cachedIban } from '../statement/cachedIban.js';
import type { StatementDraft } from '../statement/finishStatement.js';
import type { ImportWarning } from '../statement/importWarning.js';
import type { StatementAccount, StatementBalance } from '../statement/parsedStatement.js';
import type { ReconciliationCheck } from '../statement/reconciliation.js';
import { checkRunningBalance } from './checkRunningBalance.js';
import type { CsvFormulaCell, CsvMapping } from './csvMapping.js';
import { locateCsvTable, type CsvTable } from './locateCsvTable.js';
import { parseColumnMapping, type CsvColumnsOption } from './parseColumnMapping.js';
import { readCsvEntry, type CsvEntryRow } from './readCsvEntry.js';
import { readCsvPreamble, type CsvPreamble } from './readCsvPreamble.js';
import { detectDelimiter, readCsvTable, type CsvRow } from './readCsvTable.js';
import { detectDecimal, isCsvDate } from './readCsvValues.js';
import { CofferError } from '../../contract/index.js';

export interface ParseBankCsvOptions {
  encoding: CsvMapping['encoding'];
  /** A user's column mapping (text as parseColumnMapping reads it, or already read). */
  columns?: string | CsvColumnsOption;
}

// Lines under the table some exports write (Deutsche Bank "Kontostand;…", PostFinance "Disclaimer:").
const FOOTER = /^(kontostand|anfangssaldo|endsaldo|saldo|summe|disclaimer|ums[aä]tze|vorgemerkte)/i;

function isFooter(row: CsvRow, table: CsvTable): boolean {
  const date = table.columns.bookingDate;
  return date !== undefined && !isCsvDate(row.cells[date.index - 1]) && FOOTER.test((row.cells[0] ?? '').trim());
}

function accountOf(own: string | null, preamble: CsvPreamble, currency: Currency | null, warnings: ImportWarning[]): StatementAccount {
  let iban = preamble.iban;
  let otherId = preamble.otherId;
  if (own !== null) {
    try {
      iban = cachedIban(own);
      otherId = null;
    } catch (error) {
      warnings.push({ code: 'IBAN_KEPT_AS_TEXT', where: 'account column', message: `${(error as Error).message}; kept as text` });
      iban = null;
      otherId = own.slice(0, 64);
    }
  }
  return { iban, otherId, currency, name: preamble.name, ownerName: preamble.ownerName, servicerBic: null };
}

/** The file's columns, appended to refusals when the user gave the mapping (the likely mistake). */
function hintFor(table: CsvTable): string {
  if (table.dialect.id !== 'columns' && table.dialect.id !== 'generic') return '';
  const header = table.header ?? table.rows[0];
  return header ? `; this file's columns are: ${header.cells.map((cell, index) => `${index + 1} ${cell.trim().slice(0, 30) || '(empty)'}`).join(', ')}` : '';
}

/**
 * Reads a bank's CSV export: the separator, the table (a known export's header, a user's mapping, or
 * Targobank's header-less rows), the preamble (account, balance), every row as an entry. One draft
 * per own account named in the rows (Sparkasse and Atruvia repeat it in every row), else one. The
 * running balance, where the export has one, is checked row by row; a stated balance becomes the
 * closing balance. Refuses with DOMAIN_BAD_CSV naming the line, the column and what it holds.
 */
export function parseBankCsv(text: string, options: ParseBankCsvOptions): StatementDraft[] {
  const delimiter = detectDelimiter(text);
  const rows = readCsvTable(text, delimiter);
  const option = typeof options.columns === 'string' ? parseColumnMapping(options.columns) : options.columns;
  const table = locateCsvTable(rows, option, delimiter);
  const warnings: ImportWarning[] = [];
  const amountCells = (['amount', 'debit', 'credit', 'balanceAfter'] as const).flatMap((field) => {
    const column = table.columns[field];
    return column ? table.rows.map((row) => row.cells[column.index - 1] ?? '') : [];
  });
  const decimal = table.dialect.decimal ?? detectDecimal(amountCells, delimiter === ',' ? '.' : ',');
  const formulaCells: CsvFormulaCell[] = [];
  const ctx = { table, decimal, warnings, formulaCells, hint: hintFor(table) };
  const read: CsvEntryRow[] = [];
  for (const row of table.rows) {
    if (row.cells.every((cell) => cell.trim() === '')) continue;
    if (isFooter(row, table)) {
      warnings.push({ code: 'CSV_LINE_IGNORED', where: `line ${row.line}`, message: 'a line under the table (a total or a note), not a booking, was not read' });
      continue;
    }
    read.push(readCsvEntry(row, read.length + 1, ctx));
  }
  if (read.length === 0) throw new CofferError('DOMAIN_BAD_CSV', `line ${table.header?.line ?? 1}: expected rows of bookings under the header, found none`);
  const currency = read[0]?.entry.amount.currency ?? null;
  const preamble = readCsvPreamble(table.preamble, decimal, currency ?? 'EUR', warnings);
  const mapping: CsvMapping = { dialect: table.dialect.id, dialectName: table.dialect.name, encoding: options.encoding, delimiter, decimal, headerLine: table.header?.line ?? null, columns: table.columns };
  const groups = new Map<string | null, CsvEntryRow[]>();
  for (const row of read) groups.set(row.ownAccount, [...(groups.get(row.ownAccount) ?? []), row]);
  return [...groups].map(([own, group]) => {
    const draftWarnings = groups.size === 1 ? warnings : [...warnings];
    group.forEach((row, index) => (row.entry.position = index + 1));
    const account = accountOf(own, preamble, currency, draftWarnings);
    const balances: StatementBalance[] = [];
    const checks: ReconciliationCheck[] = [];
    const running = currency ? checkRunningBalance(group, currency) : null;
    // The stated balance is the file's own word; the balance column's last value stands in where none is
    // stated. No opening balance is derived from the column: the balance check would only repeat it.
    const stated = preamble.balance ?? running?.closing ?? null;
    if (stated) balances.push(stated);
    if (running) checks.push(running.check);
    if (running && preamble.balance && preamble.balance.amount.currency === currency) {
      const ok = preamble.balance.amount.minor === running.closing.amount.minor;
      checks.push({ check: 'balance', ok, expected: preamble.balance.amount.minor, found: running.closing.amount.minor, currency, message: `the balance stated above the table ${ok ? 'is' : 'is not'} the balance after the newest booking in the balance column` });
    }
    return {
      format: `csv:${table.dialect.id}`, kind: 'statement', messageId: null, statementId: null, electronicSequence: null, legalSequence: null, createdAt: null,
      period: preamble.period, account, balances, summary: null, entries: group.map((row) => row.entry), additionalInfo: null,
      warnings: draftWarnings, csv: { mapping, formulaCells: formulaCells.filter((cell) => group.some((row) => row.entry.where === `line ${cell.line}`)) },
      checks,
    };
  });
}

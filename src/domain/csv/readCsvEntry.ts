import type { Currency } from '../money/currency.js';
import { splitSepaKeywords } from '../mt940/splitSepaKeywords.js';
import type { EntryDraft, Counterparty } from '../statement/bookingEntry.js';
import { cachedIban } from '../statement/cachedIban.js';
import { cleanOptional, cleanText, referenceOrNull } from '../statement/cleanText.js';
import type { ImportWarning } from '../statement/importWarning.js';
import { knownCurrency } from '../statement/knownCurrency.js';
import type { CsvField, CsvFormulaCell } from './csvMapping.js';
import type { CsvTable } from './locateCsvTable.js';
import { looksLikeFormula } from './neutraliseCsvCell.js';
import type { CsvRow } from './readCsvTable.js';
import { readCsvAmount, readCsvDate } from './readCsvValues.js';
import { CofferError } from '../../contract/index.js';

export interface CsvRowContext {
  table: CsvTable;
  decimal: ',' | '.';
  warnings: ImportWarning[];
  formulaCells: CsvFormulaCell[];
  /** Appended to every refusal, e.g. the file's columns when the user gave the mapping. */
  hint: string;
}

/** A row read: the entry, and what it says beyond the entry (balance after it, its own account). */
export interface CsvEntryRow {
  entry: EntryDraft;
  balanceAfter: number | null;
  ownAccount: string | null;
}

const TEXT_FIELDS: readonly CsvField[] = ['counterpartyName', 'payerName', 'payeeName', 'remittance', 'postingText', 'endToEnd', 'mandate', 'creditorId', 'customerReference', 'entryRef'];
const IBAN_SHAPE = /^[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}$/;

function readStatus(text: string): { status: string; booked: boolean } {
  const value = text.toLowerCase();
  if (/vorgemerkt|vormerk|pending|offen|nicht gebucht/.test(value)) return { status: 'PDNG', booked: false };
  if (value === '' || /gebucht|booked|completed/.test(value)) return { status: 'BOOK', booked: true };
  return { status: 'INFO', booked: false };
}

function readMark(text: string): 1 | -1 | null {
  const value = text.trim().toLowerCase();
  if (['s', 'd', 'soll', 'debit', 'dbit', '-'].includes(value)) return -1;
  if (['h', 'c', 'haben', 'credit', 'crdt', '+'].includes(value)) return 1;
  return null;
}

/**
 * One data row of a bank CSV as an EntryDraft: dates (dd.mm.yy, dd.mm.yyyy, yyyy-mm-dd), a signed
 * amount (or debit and credit columns, or an unsigned amount with an S/H mark), the status where the
 * export has one (Sparkasse "Umsatz vorgemerkt", DKB "Vorgemerkt" → PDNG, not booked), counterparty
 * (by the sign for DKB's payer and payee columns), remittance (SEPA keywords split out where glued),
 * references. Text cells that start like a formula are listed. Refuses a bad required cell with
 * DOMAIN_BAD_CSV naming line, column and what the cell holds.
 */
export function readCsvEntry(row: CsvRow, position: number, ctx: CsvRowContext): CsvEntryRow {
  const { table, warnings } = ctx;
  const cell = (field: CsvField): string => {
    const column = table.columns[field];
    return column ? (row.cells[column.index - 1] ?? '').trim() : '';
  };
  const at = <T>(field: CsvField, read: (value: string) => T): T => {
    try {
      return read(cell(field));
    } catch (error) {
      if (!(error instanceof CofferError)) throw error;
      const column = table.columns[field];
      const name = column ? `column ${column.index}${column.header ? ` (${column.header})` : ''} as ${field}` : field;
      throw new CofferError('DOMAIN_BAD_CSV', `line ${row.line}, ${name}: ${error.message}${ctx.hint}`, { cause: error });
    }
  };
  const where = `line ${row.line}`;
  for (const field of TEXT_FIELDS) {
    const column = table.columns[field];
    if (column && looksLikeFormula(row.cells[column.index - 1] ?? '')) ctx.formulaCells.push({ line: row.line, column: column.index, header: column.header });
  }
  const { status, booked } = readStatus(cell('status'));
  const currency: Currency = at('currency', (value) => {
    if (value !== '') return knownCurrency(value.toUpperCase());
    if (table.dialect.currency) return table.dialect.currency;
    throw new CofferError('DOMAIN_BAD_CSV', 'expected a currency column or currency=XXX in the columns, found neither');
  });
  let minor: number;
  if (cell('amount') !== '' || (cell('debit') === '' && cell('credit') === '')) {
    minor = at('amount', (value) => readCsvAmount(value, ctx.decimal, currency));
    const mark = table.columns.creditDebitMark ? at('creditDebitMark', readMark) : null;
    if (mark !== null) minor = mark * Math.abs(minor);
  } else if (cell('debit') !== '') {
    minor = -Math.abs(at('debit', (value) => readCsvAmount(value, ctx.decimal, currency)));
  } else {
    minor = Math.abs(at('credit', (value) => readCsvAmount(value, ctx.decimal, currency)));
  }
  const bookingDate = booked || cell('bookingDate') !== '' ? at('bookingDate', readCsvDate) : null;
  let valueDate: string | null = null;
  if (cell('valueDate') !== '') {
    try {
      valueDate = readCsvDate(cell('valueDate'));
    } catch (error) {
      warnings.push({ code: 'VALUE_IGNORED', where, message: `value date: ${(error as Error).message}; left empty` });
    }
  }
  const remittanceText = cleanText(cell('remittance'), where, warnings);
  const keywords = splitSepaKeywords(remittanceText);
  const reference = (field: CsvField, keyword: string) => cleanOptional(referenceOrNull(cell(field) || keywords?.get(keyword) || null), where, warnings, 140);
  return {
    entry: {
      position, where, statementId: null, status, booked, bookingDate, valueDate,
      amount: { minor, currency },
      creditDebit: minor < 0 ? 'DBIT' : 'CRDT',
      reversal: false,
      references: {
        accountServicer: cleanOptional(cell('entryRef'), where, warnings, 140),
        entry: null,
        endToEnd: reference('endToEnd', 'EREF'),
        mandate: reference('mandate', 'MREF'),
        instruction: null, transaction: null, paymentInformation: null,
        creditorId: reference('creditorId', 'CRED'),
        creditorReference: null,
        customer: reference('customerReference', 'KREF'),
        primaNota: null,
      },
      counterparty: readCounterparty(cell, minor >= 0, keywords, where, warnings),
      remittance: keywords ? (keywords.get('SVWZ') ?? '') : remittanceText,
      additionalInfo: status === 'INFO' ? cleanOptional(`status: ${cell('status')}`, where, warnings, 140) : null,
      postingText: cleanOptional(cell('postingText'), where, warnings, 140),
      bankTransactionCode: null, returnReason: null, charges: [], batch: null, details: [],
    },
    balanceAfter: cell('balanceAfter') === '' ? null : at('balanceAfter', (value) => readCsvAmount(value, ctx.decimal, currency)),
    ownAccount: cell('accountIban').replace(/\s+/g, '').replace(/^'|'$/g, '') || null,
  };
}

function readCounterparty(cell: (field: CsvField) => string, credit: boolean, keywords: Map<string, string> | null, where: string, warnings: ImportWarning[]): Counterparty | null {
  const name = cell('counterpartyName') || cell(credit ? 'payerName' : 'payeeName');
  const account = (cell('counterpartyIban') || keywords?.get('IBAN') || '').replace(/\s+/g, '');
  let iban: Counterparty['iban'] = null;
  let other: string | null = null;
  if (IBAN_SHAPE.test(account)) {
    try {
      iban = cachedIban(account);
    } catch (error) {
      warnings.push({ code: 'IBAN_KEPT_AS_TEXT', where, message: `${(error as Error).message}; kept as text` });
      other = account;
    }
  } else if (account !== '' && !/^0+$/.test(account)) {
    other = cleanOptional(account, where, warnings, 64);
  }
  const party: Counterparty = {
    name: cleanOptional(name, where, warnings, 140),
    iban,
    account: other,
    bankId: cleanOptional((cell('counterpartyBankId') || keywords?.get('BIC') || '').replace(/^0+$/, ''), where, warnings, 35),
    ultimateName: cleanOptional(keywords?.get('ABWA') ?? keywords?.get('ABWE') ?? null, where, warnings, 140),
  };
  return party.name === null && party.iban === null && party.account === null && party.bankId === null ? null : party;
}

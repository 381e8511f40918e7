import type { Iban } from '../account/parseIban.js';
import type { Currency } from '../money/currency.js';
import { cachedIban } from '../statement/cachedIban.js';
import { cleanOptional } from '../statement/cleanText.js';
import type { ImportWarning } from '../statement/importWarning.js';
import type { StatementBalance } from '../statement/parsedStatement.js';
import { normaliseHeader } from './csvDialects.js';
import type { CsvRow } from './readCsvTable.js';
import { readCsvAmount, readCsvDate } from './readCsvValues.js';

/** What the lines above the table say (ING, DKB, Deutsche Bank put the account and a balance there). */
export interface CsvPreamble {
  iban: Iban | null;
  otherId: string | null;
  name: string | null;
  ownerName: string | null;
  balance: StatementBalance | null;
  period: { from: string | null; to: string | null };
}

const IBAN_SHAPE = /^[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}$/;
const BALANCE_LABEL = /^(saldo|kontostand|letzterkontostand|neuerkontostand)/;

function findIban(rows: CsvRow[], warnings: ImportWarning[]): { iban: Iban | null; otherId: string | null } {
  for (const row of rows) {
    for (const cell of row.cells) {
      const candidate = cell.replace(/\s+/g, '').replace(/\/.*$/, '').replace(/^'|'$/g, '');
      if (!IBAN_SHAPE.test(candidate)) continue;
      try {
        return { iban: cachedIban(candidate), otherId: null };
      } catch (error) {
        warnings.push({ code: 'IBAN_KEPT_AS_TEXT', where: `line ${row.line}`, message: `${(error as Error).message}; kept as text` });
        return { iban: null, otherId: candidate };
      }
    }
  }
  return { iban: null, otherId: null };
}

function readBalance(row: CsvRow, decimal: ',' | '.', currency: Currency, to: string | null): StatementBalance | null {
  const label = row.cells[0] ?? '';
  const date = /([0-9]{1,2}\.[0-9]{1,2}\.[0-9]{2,4})/.exec(label)?.[1] ?? row.cells.slice(1).find((cell) => /^[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}$/.test(cell.trim()));
  for (const cell of row.cells.slice(1)) {
    if (cell.trim() === '' || /^[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}$/.test(cell.trim())) continue;
    try {
      return { type: 'CLBD', amount: { minor: readCsvAmount(cell, decimal, currency), currency }, date: date ? readCsvDate(date) : to };
    } catch {
      // Not the amount cell (a currency code, a label): try the next one.
    }
  }
  return null;
}

/**
 * Reads the lines above a bank CSV's table: the account's IBAN (any cell holding one, e.g. ING
 * "IBAN;DE12 …", DKB "Girokonto";"DE…"), an invalid one kept as text with a warning; account name and
 * owner (ING Kontoname, Kunde); the period (ING Zeitraum, DKB Von/Bis); a stated balance (ING Saldo,
 * DKB "Kontostand vom <date>", Deutsche Bank "Letzter Kontostand"), taken as the closing balance.
 */
export function readCsvPreamble(rows: CsvRow[], decimal: ',' | '.', currency: Currency, warnings: ImportWarning[]): CsvPreamble {
  const { iban, otherId } = findIban(rows, warnings);
  const preamble: CsvPreamble = { iban, otherId, name: null, ownerName: null, balance: null, period: { from: null, to: null } };
  for (const row of rows) {
    const label = normaliseHeader(row.cells[0] ?? '');
    const value = row.cells[1]?.trim() ?? '';
    const where = `line ${row.line}`;
    if (label === 'kontoname') preamble.name = cleanOptional(value, where, warnings, 140);
    else if (label === 'kunde') preamble.ownerName = cleanOptional(value, where, warnings, 140);
    else if (label === 'zeitraum') {
      const [from, to] = value.split(/\s+-\s+/);
      preamble.period = { from: from ? safeDate(from) : null, to: to ? safeDate(to) : null };
    } else if (label === 'von') preamble.period.from = safeDate(value);
    else if (label === 'bis') preamble.period.to = safeDate(value);
    else if (['girokonto', 'tagesgeld', 'sparkonto', 'kreditkarte'].includes(label) && preamble.name === null) preamble.name = row.cells[0]?.trim() ?? null;
  }
  const balanceRow = rows.find((row) => BALANCE_LABEL.test(normaliseHeader(row.cells[0] ?? '')));
  if (balanceRow) preamble.balance = readBalance(balanceRow, decimal, currency, preamble.period.to);
  return preamble;
}

function safeDate(text: string): string | null {
  try {
    return readCsvDate(text);
  } catch {
    return null;
  }
}

import type { Currency } from '../money/currency.js';
import type { StatementBalance } from '../statement/parsedStatement.js';
import type { ReconciliationCheck } from '../statement/reconciliation.js';
import type { CsvEntryRow } from './readCsvEntry.js';

export interface RunningBalance {
  check: ReconciliationCheck;
  /** The balance after the newest booking. */
  closing: StatementBalance;
}

function mismatches(rows: readonly CsvEntryRow[]): number[] {
  const bad: number[] = [];
  for (let i = 1; i < rows.length; i++) {
    const before = (rows[i - 1] as CsvEntryRow).balanceAfter as number;
    const row = rows[i] as CsvEntryRow;
    if (before + row.entry.amount.minor !== row.balanceAfter) bad.push(i);
  }
  return bad;
}

/**
 * A CSV's balance-after-booking column (ING Saldo, Atruvia "Saldo nach Buchung") checked row by row:
 * each booked row's balance = the previous one's + its amount, in date order (oldest first; exports
 * sorted newest first are turned round, and with all dates equal the order that fits better wins).
 * Returns null when some booked row has no balance: then nothing can be checked this way.
 */
export function checkRunningBalance(rows: readonly CsvEntryRow[], currency: Currency): RunningBalance | null {
  const booked = rows.filter((row) => row.entry.booked);
  if (booked.length === 0 || booked.some((row) => row.balanceAfter === null)) return null;
  const first = booked[0]?.entry.bookingDate ?? '';
  const last = booked[booked.length - 1]?.entry.bookingDate ?? '';
  const forward = [...booked];
  const backward = [...booked].reverse();
  let ordered = first > last ? backward : forward;
  if (first === last && mismatches(backward).length < mismatches(forward).length) ordered = backward;
  const bad = mismatches(ordered);
  const newest = ordered[ordered.length - 1] as CsvEntryRow;
  const failing = bad[0] === undefined ? null : (ordered[bad[0]] as CsvEntryRow);
  const previous = bad[0] === undefined ? null : (ordered[bad[0] - 1] as CsvEntryRow);
  return {
    check: {
      check: 'running-balance',
      ok: failing === null,
      expected: failing?.balanceAfter ?? (newest.balanceAfter as number),
      found: failing && previous ? (previous.balanceAfter as number) + failing.entry.amount.minor : (newest.balanceAfter as number),
      currency,
      message: failing
        ? `${failing.entry.where}: the balance after booking is not the previous row's balance plus this amount (${bad.length} of ${ordered.length - 1} rows disagree)`
        : `every row's balance after booking is the previous balance plus its amount (${ordered.length} rows)`,
    },
    closing: { type: 'CLBD', amount: { minor: newest.balanceAfter as number, currency }, date: newest.entry.bookingDate },
  };
}

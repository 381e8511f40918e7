import type { Booking } from '../../ipc/wire';

export interface BookingFilter {
  /** Found, case aside, in the counterparty, remittance, additional information, posting text or a reference. */
  text: string;
  direction: 'all' | 'credit' | 'debit';
  /** Bounds on the booking's size (absolute value), minor units of the one account shown. */
  minMinor?: number;
  maxMinor?: number;
}

/**
 * What the text search looks at, lower-cased once per loaded list: the same fields as the app's own
 * `transactions.list` text filter, so the CSV export selects what the screen shows.
 */
export function searchIndex(rows: readonly Booking[]): string[] {
  return rows.map((row) => [row.counterpartyName, row.remittanceInfo, row.additionalInfo, row.postingText, row.entryRef, row.endToEndId].filter((field) => field).join('\u0000').toLowerCase());
}

/** The positions of the rows the filter keeps, in their order (newest first as loaded). */
export function filterBookings(rows: readonly Booking[], index: readonly string[], filter: BookingFilter): number[] {
  const needle = filter.text.trim().toLowerCase();
  const kept: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as Booking;
    if (filter.direction === 'credit' && row.amountMinor <= 0) continue;
    if (filter.direction === 'debit' && row.amountMinor >= 0) continue;
    const size = Math.abs(row.amountMinor);
    if (filter.minMinor !== undefined && size < filter.minMinor) continue;
    if (filter.maxMinor !== undefined && size > filter.maxMinor) continue;
    if (needle !== '' && !(index[i] as string).includes(needle)) continue;
    kept.push(i);
  }
  return kept;
}

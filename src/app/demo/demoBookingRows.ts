import type { Currency } from '../../domain/index.js';
import { bookingRows, type BookingRow } from '../commands/records/bookingRecords.js';
import { demoBookingEntries } from './demoBookingEntries.js';
import { generateDemoStatements } from './generateDemoStatements.js';

/** The bookings the seed makes: per account, how many, from which seed, over the year ending `endDay`. */
export interface DemoBookingsRequest {
  endDay: string;
  accounts: { code: string; currency: Currency; count: number; seed: number }[];
}

/** Rows per `rows` report: about 0.5 MB of JSON when they cross from a worker. */
export const DEMO_ROWS_PER_CHUNK = 2000;

/**
 * The demo's bookings of every account as statement_transactions rows, reported in chunks in account order;
 * returns each account's sum in minor units. Deterministic: the same rows in a worker as in place.
 */
export function generateDemoBookingRows(request: DemoBookingsRequest, report: (code: string, rows: BookingRow[]) => void): Record<string, number> {
  const sums: Record<string, number> = {};
  const rowOf = bookingRows();
  for (const { code, currency, count, seed } of request.accounts) {
    const entries = demoBookingEntries(currency, currency, generateDemoStatements(currency, count, request.endDay, seed));
    sums[code] = entries.reduce((sum, entry) => sum + entry.amount.minor, 0);
    for (let from = 0; from < entries.length; from += DEMO_ROWS_PER_CHUNK) report(code, entries.slice(from, from + DEMO_ROWS_PER_CHUNK).map(rowOf));
  }
  return sums;
}

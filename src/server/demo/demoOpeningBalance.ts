import type { StatementEntryTable } from '../store/storeSchema.js';

/** Openings are round sums, as a treasurer would have left on the account: whole thousands. */
const ROUND_TO_MINOR = 1_000_00;

/**
 * The booked balance a demo account opens its year of statements with: its demo figure (the same the demo vault
 * opens with), raised by however far the year's lines ever take the running sum below zero, so the account never
 * dips below that figure and never goes negative.
 */
export function demoOpeningBalance(entries: readonly StatementEntryTable[], floorMinor: number): number {
  let running = 0;
  let lowest = 0;
  for (const entry of entries) {
    running += entry.amount_minor;
    lowest = Math.min(lowest, running);
  }
  return Math.ceil((floorMinor - lowest) / ROUND_TO_MINOR) * ROUND_TO_MINOR;
}

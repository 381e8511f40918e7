import type { StatementEntryTable } from '../store/storeSchema.js';
import { DEMO_COUNTERPARTIES } from './demoCounterparties.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** xorshift32: a small deterministic generator, so every seeded demo bank holds the same year. */
function xorshift32(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return function next() {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x1_0000_0000;
  };
}

/**
 * A year of bookings for one account, ending the day before `endMs`: on each weekday 2 to 6 receipts and
 * payments with the demo counterparties, oldest first, with the bank's entry references.
 */
export function demoStatementEntries(iban: string, currency: string, endMs: number, seed: number): StatementEntryTable[] {
  const random = xorshift32(seed);
  const entries: StatementEntryTable[] = [];
  const lastDay = Math.floor(endMs / DAY_MS) - 1;
  for (let day = lastDay - 364; day <= lastDay; day += 1) {
    const date = new Date(day * DAY_MS);
    const weekday = date.getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const isoDay = date.toISOString().slice(0, 10);
    const count = 2 + Math.floor(random() * 5);
    for (let n = 0; n < count; n += 1) {
      const party = DEMO_COUNTERPARTIES[Math.floor(random() * DEMO_COUNTERPARTIES.length)];
      if (party === undefined) throw new Error('the demo payee directory marks no counterparty as booked');
      const credit = random() < 0.45;
      // Skewed towards small sums, as a trading company's days are: 10.00 to 50,000.00.
      const amount = Math.round((10 + random() ** 3 * 49_990) * 100);
      entries.push({
        iban,
        entry_ref: `NLH-${currency}-${isoDay}-${n + 1}`,
        booking_date: isoDay,
        value_date: isoDay,
        amount_minor: credit ? amount : -amount,
        currency,
        counterparty_name: party.name,
        counterparty_iban: party.iban,
        remittance: credit ? `Invoice NLH-${day % 10_000}-${n + 1}` : `Payment ref ${day % 10_000}/${n + 1}`,
      });
    }
  }
  return entries;
}

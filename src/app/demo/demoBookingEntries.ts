import { identifyEntries, NO_REFERENCES, parseIban, type BookingEntry, type Currency, type EntryDraft, type Iban } from '../../domain/index.js';
import type { DemoBooking } from './generateDemoStatements.js';

/** The id of the demo's day-end statement of `code` for `day`, as a bank would number it. */
export function demoStatementId(code: string, day: string): string {
  return `NLH-${code}-${day}`;
}

/**
 * The demo's bookings as a bank's day-end statements would report them: one statement per account and
 * day, the booking's reference as AcctSvcrRef, identities assigned as for an imported file. So the demo's
 * rows carry everything an import stores, and look to de-duplication like any booked statement.
 */
export function demoBookingEntries(code: string, currency: Currency, bookings: readonly DemoBooking[]): BookingEntry[] {
  const ibans = new Map<string, Iban>();
  const byDay = new Map<string, EntryDraft[]>();
  for (const booking of bookings) {
    const day = byDay.get(booking.bookingDate) ?? [];
    byDay.set(booking.bookingDate, day);
    const statementId = demoStatementId(code, booking.bookingDate);
    const iban = booking.counterpartyIban === null ? null : (ibans.get(booking.counterpartyIban) ?? parseIban(booking.counterpartyIban));
    if (iban !== null) ibans.set(iban, iban);
    const party = booking.counterpartyName === null && iban === null ? null : { name: booking.counterpartyName, iban, account: null, bankId: null, ultimateName: null };
    day.push({
      position: day.length + 1, where: `${statementId} entry ${day.length + 1}`, statementId, status: 'BOOK', booked: true,
      bookingDate: booking.bookingDate, valueDate: booking.valueDate, amount: { minor: booking.amountMinor, currency },
      creditDebit: booking.amountMinor < 0 ? 'DBIT' : 'CRDT', reversal: false, references: { ...NO_REFERENCES, accountServicer: booking.entryRef },
      counterparty: party, remittance: booking.remittanceInfo, additionalInfo: null, postingText: null, bankTransactionCode: null, returnReason: null,
      charges: [], batch: null, details: [],
    });
  }
  return [...byDay.values()].flatMap((entries) => identifyEntries(entries));
}

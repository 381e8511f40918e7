import { sha256Hex } from '../crypto/index.js';

/**
 * Marks identities given to bookings stored before schema 4, which kept only the bank's entry reference
 * (AcctSvcrRef, else NtryRef; a CSV's entry_ref), the booking date, the amount and the currency.
 */
export const LEGACY_IDENTITY_VERSION = 'coffer/entry/v0';

/** What a booking stored before schema 4 is known by. */
export interface LegacyBooking {
  entryRef: string;
  bookingDate: string;
  amountMinor: number;
  currency: string;
}

/**
 * The identity migration 4 gives a booking stored before it: SHA-256 (hex) of the legacy version and the
 * four fields every such row has. Those rows were unique per account by entry reference, so this identity
 * is unique too. An import compares it with each new booking's own legacy identity (same reference, date,
 * amount and currency), so a file booked before schema 4 and imported again books nothing twice, while a
 * second booking under a repeated reference (issue 10: the one the first version lost) is booked now.
 */
export function legacyEntryIdentity(booking: LegacyBooking): string {
  return sha256Hex(JSON.stringify([LEGACY_IDENTITY_VERSION, booking.entryRef, booking.bookingDate, booking.amountMinor, booking.currency]));
}

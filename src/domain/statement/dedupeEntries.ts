/** An entry identity already booked on the account, with where it was booked from (for the reason). */
export interface BookedIdentity {
  identity: string;
  statementId: string | null;
  position: number;
}

/** What dedupeEntries needs of an entry (a BookingEntry has all of it). */
export interface DedupeCandidate {
  identity: string;
  booked: boolean;
  status: string;
  statementId: string | null;
  position: number;
}

export type SkipReason =
  /** The same booking was imported before (from `from`): booking it again would count it twice. */
  | { code: 'ALREADY_BOOKED'; from: { statementId: string | null; position: number } }
  /** The same booking appears earlier in this import (overlapping statements, a report and its statement). */
  | { code: 'REPEATED_IN_IMPORT'; from: { statementId: string | null; position: number } }
  /** Not a booking (yet): status PDNG, INFO, FUTR … It is reported, never booked. */
  | { code: 'NOT_BOOKED'; status: string };

export interface SkippedEntry<E> {
  entry: E;
  reason: SkipReason;
  /** The reason in words, naming statements and positions, never amounts. */
  message: string;
}

export interface DedupeEntriesResult<E> {
  /** Entries to book, in the order given. */
  fresh: E[];
  /** Every other entry, each with why: nothing leaves an import unexplained. */
  skipped: SkippedEntry<E>[];
}

function entryName(statementId: string | null, position: number): string {
  return statementId === null ? `entry ${position}` : `entry ${position} of statement ${statementId}`;
}

/**
 * Splits the entries of one account's import into bookings to make and entries to skip, with the
 * reason for each skip. `booked` are the identities already booked on the same account (identities
 * are per account: pass each account's own). An entry is skipped when it is not booked (PDNG, INFO),
 * when its identity is already booked, or when an earlier entry of this import has the same identity.
 * Identities already tell identical repeats within one statement apart (see identifyEntries),
 * so a repeated bank reference inside a file never costs a booking.
 */
export function dedupeEntries<E extends DedupeCandidate>(booked: Iterable<BookedIdentity>, entries: readonly E[]): DedupeEntriesResult<E> {
  const known = new Map<string, BookedIdentity>();
  for (const item of booked) if (!known.has(item.identity)) known.set(item.identity, item);
  const inImport = new Map<string, E>();
  const fresh: E[] = [];
  const skipped: SkippedEntry<E>[] = [];
  for (const entry of entries) {
    const name = entryName(entry.statementId, entry.position);
    if (!entry.booked) {
      skipped.push({ entry, reason: { code: 'NOT_BOOKED', status: entry.status }, message: `${name} has status ${entry.status}, not BOOK: reported, not booked` });
      continue;
    }
    const before = known.get(entry.identity);
    if (before) {
      const from = { statementId: before.statementId, position: before.position };
      skipped.push({ entry, reason: { code: 'ALREADY_BOOKED', from }, message: `${name} was already booked from ${entryName(from.statementId, from.position)}` });
      continue;
    }
    const earlier = inImport.get(entry.identity);
    if (earlier) {
      const from = { statementId: earlier.statementId, position: earlier.position };
      skipped.push({ entry, reason: { code: 'REPEATED_IN_IMPORT', from }, message: `${name} is the same booking as ${entryName(from.statementId, from.position)} in this import` });
      continue;
    }
    inImport.set(entry.identity, entry);
    fresh.push(entry);
  }
  return { fresh, skipped };
}

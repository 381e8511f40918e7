export interface DedupeResult<T> {
  /** Entries not seen before, in file order, each reference once (its first occurrence). */
  fresh: T[];
  /** Entries already imported, or repeated within this file. */
  duplicates: T[];
}

/**
 * @deprecated Loses bookings: banks repeat AcctSvcrRef for distinct bookings (issue 10). Use
 * dedupeEntries with BookingEntry.identity.
 *
 * Splits imported entries into new ones and ones already known by their bank reference, so a
 * statement imported twice (or overlapping statements) books nothing twice. `existingRefs` must
 * be the references already stored for the same account: bank references are unique per
 * account, not across banks.
 */
export function dedupeByEntryRef<T extends { entryRef: string }>(existingRefs: Iterable<string>, entries: readonly T[]): DedupeResult<T> {
  const seen = new Set(existingRefs);
  const fresh: T[] = [];
  const duplicates: T[] = [];
  for (const entry of entries) {
    if (seen.has(entry.entryRef)) {
      duplicates.push(entry);
    } else {
      seen.add(entry.entryRef);
      fresh.push(entry);
    }
  }
  return { fresh, duplicates };
}

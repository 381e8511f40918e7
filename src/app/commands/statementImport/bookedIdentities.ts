import { LEGACY_IDENTITY_VERSION, legacyEntryIdentity, type VaultDatabase } from '../../../vault/index.js';
import type { PlannedEntry } from './readStatementEntries.js';
import { letEventLoopRun } from '../../workers/letEventLoopRun.js';

/** Where a booking already in the vault came from, to say so when an import meets it again. */
export interface BookedOrigin {
  statementId: string | null;
  position: number | null;
  file: string | null;
  /** Booked before Coffer kept entry identities (schema 3 and earlier): matched by reference, date and amount. */
  legacy: boolean;
}

interface BookedRow {
  identity: string;
  statementId: string | null;
  position: number | null;
  file: string | null;
}

/** Identities looked up per query: one JSON array bound as a parameter, read through the unique index. */
const CHUNK = 5000;


/** Chunk by chunk, letting the event loop run between queries: a large import looks up 100,000 identities. */
async function lookUp(db: VaultDatabase, accountId: string, identities: readonly string[]): Promise<Map<string, BookedRow>> {
  const select = db.prepare(
    `SELECT entry_identity AS identity, statement_id AS statementId, position, source_file AS file FROM statement_transactions
     WHERE account_id = ? AND entry_identity IN (SELECT value FROM json_each(?))`,
  );
  const found = new Map<string, BookedRow>();
  for (let from = 0; from < identities.length; from += CHUNK) {
    if (from > 0) await letEventLoopRun();
    for (const row of select.all(accountId, JSON.stringify(identities.slice(from, from + CHUNK))) as BookedRow[]) found.set(row.identity, row);
  }
  return found;
}

function legacyIdentityOf(entry: PlannedEntry): string | null {
  if (entry.legacy === null) return null;
  const { reference, bookingDate } = entry.legacy;
  return legacyEntryIdentity({ entryRef: reference, bookingDate, amountMinor: entry.amount.minor, currency: entry.amount.currency });
}

/**
 * Which of `entries` (booked ones, of one account, in import order) the account already holds, by entry
 * identity; and, on an account with bookings from before schema 4, by their legacy identity (same bank
 * reference, booking date, amount and currency), each such old booking matching one entry at most. Reads
 * only the identities of this import, so the cost follows the file, not the account's history.
 */
export async function bookedIdentities(db: VaultDatabase, accountId: string, entries: readonly PlannedEntry[]): Promise<Map<string, BookedOrigin>> {
  const booked = new Map<string, BookedOrigin>();
  for (const [identity, row] of await lookUp(db, accountId, entries.map((entry) => entry.identity))) {
    booked.set(identity, { statementId: row.statementId, position: row.position, file: row.file, legacy: false });
  }
  const hasLegacy = db.prepare('SELECT 1 FROM statement_transactions WHERE account_id = ? AND identity_version = ? LIMIT 1').get(accountId, LEGACY_IDENTITY_VERSION);
  if (hasLegacy === undefined) return booked;
  const candidates = entries.filter((entry) => !booked.has(entry.identity)).map((entry) => ({ entry, legacy: legacyIdentityOf(entry) }));
  const legacyRows = await lookUp(db, accountId, candidates.flatMap((c) => (c.legacy === null ? [] : [c.legacy])));
  const used = new Set<string>();
  for (const { entry, legacy } of candidates) {
    if (legacy === null || used.has(legacy) || !legacyRows.has(legacy)) continue;
    used.add(legacy);
    booked.set(entry.identity, { statementId: null, position: null, file: null, legacy: true });
  }
  return booked;
}

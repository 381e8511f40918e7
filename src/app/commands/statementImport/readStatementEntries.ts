import { parseStatementFile, type BookingEntry, type Money, type ParsedStatement, type ParseStatementFileOptions } from '../../../domain/index.js';
import { bookingRows, type BookingRow } from '../records/bookingRecords.js';

/** An entry as the import plans it: what de-duplication, reconciliation and the answer need, and its row. */
export interface PlannedEntry {
  identity: string;
  booked: boolean;
  status: string;
  statementId: string | null;
  position: number;
  amount: Money;
  /** The bank reference and date a booking stored before schema 4 was known by (legacyEntryIdentity), if it has both. */
  legacy: { reference: string; bookingDate: string } | null;
  /** The statement_transactions row, computed where the file was read. */
  row: BookingRow;
}

/** A statement without its entries: what crosses from the reading thread first. */
export type StatementHeader = Omit<ParsedStatement, 'entries'>;

/** A statement of the file with its entries as the import plans them. */
export interface ReadStatement extends StatementHeader {
  entries: PlannedEntry[];
}

export interface ReadStatementFile {
  container: 'file' | 'zip';
  statements: ReadStatement[];
}

/** What `readStatementEntries` reports, in order: the file, then each statement followed by its entries in chunks. */
export type StatementReadEvent =
  | { kind: 'file'; container: 'file' | 'zip'; entries: number }
  | { kind: 'statement'; header: StatementHeader }
  | { kind: 'entries'; entries: PlannedEntry[] };

/** Entries per `entries` event: about 0.6 MB of JSON for camt entries with details, parsed in a few milliseconds. */
export const ENTRIES_PER_CHUNK = 1000;

function plannedEntry(entry: BookingEntry, rowOf: (entry: BookingEntry) => BookingRow): PlannedEntry {
  const reference = entry.references.accountServicer ?? entry.references.entry;
  const bookingDate = entry.bookingDate ?? entry.valueDate;
  return {
    identity: entry.identity,
    booked: entry.booked,
    status: entry.status,
    statementId: entry.statementId,
    position: entry.position,
    amount: { minor: entry.amount.minor, currency: entry.amount.currency },
    legacy: reference === null || bookingDate === null ? null : { reference, bookingDate },
    row: rowOf(entry),
  };
}

/**
 * Reads a statement file (parseStatementFile) and reports it as `StatementReadEvent`s: each statement's
 * header, then its entries reduced to what the import plans with and their rows. Runs in a worker thread
 * for large files (the `statements.read` job) and in place for small ones, with the same result.
 */
export async function readStatementEntries(bytes: Uint8Array, options: ParseStatementFileOptions, report: (event: StatementReadEvent) => void): Promise<void> {
  const parsed = await parseStatementFile(bytes, options);
  report({ kind: 'file', container: parsed.container, entries: parsed.statements.reduce((n, s) => n + s.entries.length, 0) });
  const rowOf = bookingRows();
  for (const { entries, ...header } of parsed.statements) {
    report({ kind: 'statement', header });
    for (let from = 0; from < entries.length; from += ENTRIES_PER_CHUNK) {
      report({ kind: 'entries', entries: entries.slice(from, from + ENTRIES_PER_CHUNK).map((entry) => plannedEntry(entry, rowOf)) });
    }
  }
}

import type { VaultDatabase } from '../../src/vault/index.js';

/**
 * The rows the crash tests write and then look for, in a table of their own so a check depends on nothing
 * but itself. Each payload is derived from its key, so a row that survived but was damaged (or belongs to
 * another row) is caught, not only a missing one.
 */
export const CRASH_ROWS_DDL = 'CREATE TABLE IF NOT EXISTS crash_rows (n INTEGER PRIMARY KEY, payload TEXT NOT NULL) STRICT';
export const ROWS_PER_BATCH = 100;
export const WRITE_LOOP_ROWS = 10_000;
const PAYLOAD_LENGTH = 200;

export function crashRowPayload(n: number): string {
  const fill = String.fromCharCode(97 + (n % 26));
  return `row ${n} `.padEnd(PAYLOAD_LENGTH, fill);
}

/** Inserts rows `from`..`to` (inclusive) in one transaction. */
export function insertCrashRows(db: VaultDatabase, from: number, to: number): void {
  const insert = db.prepare('INSERT INTO crash_rows (n, payload) VALUES (?, ?)');
  db.transaction(() => {
    for (let n = from; n <= to; n++) insert.run(n, crashRowPayload(n));
  })();
}

export interface CrashRowsFound {
  count: number;
  /** Keys 1..count are all there and every payload matches its key. */
  contiguousAndIntact: boolean;
}

export function readCrashRows(db: VaultDatabase): CrashRowsFound {
  const rows = db.prepare('SELECT n, payload FROM crash_rows ORDER BY n').all() as { n: number; payload: string }[];
  const contiguousAndIntact = rows.every((row, i) => row.n === i + 1 && row.payload === crashRowPayload(row.n));
  return { count: rows.length, contiguousAndIntact };
}

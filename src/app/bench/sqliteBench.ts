import { join } from 'node:path';
import { randomBytes } from '../../crypto/index.js';
import { openEncryptedDatabase, openPlainDatabase, type OpenDatabaseOptions, type VaultDatabase } from '../../vault/index.js';
import { median, ratioFigure, timeMs, type FigureSink } from './benchFigure.js';

const BATCH = 10_000;
const ROUNDS = 3;

type Opener = (path: string, options: OpenDatabaseOptions) => VaultDatabase;

function createTable(db: VaultDatabase): void {
  db.exec(`CREATE TABLE bench_transactions (
    id INTEGER PRIMARY KEY, entry_ref TEXT NOT NULL, booking_date TEXT NOT NULL,
    amount_minor INTEGER NOT NULL, counterparty TEXT NOT NULL, remittance TEXT NOT NULL) STRICT`);
}

/** Inserts `rows` statement-like rows in transactions of BATCH rows through one prepared statement. */
function insertRows(db: VaultDatabase, rows: number): void {
  const insert = db.prepare('INSERT INTO bench_transactions VALUES (?, ?, ?, ?, ?, ?)');
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      insert.run(i, `REF-${i}`, '2026-11-25', (i * 7919) % 1_000_000, `Counterparty ${i % 997}`, `Invoice ${i} of the month`);
    }
  });
  for (let from = 0; from < rows; from += BATCH) batch(from, Math.min(rows, from + BATCH));
}

function pointQueries(db: VaultDatabase, rows: number, queries: number): void {
  const select = db.prepare('SELECT amount_minor FROM bench_transactions WHERE id = ?');
  let id = 1;
  for (let i = 0; i < queries; i++) {
    id = (id * 48271) % 2147483647; // Lehmer generator: the same "random" ids for both databases.
    select.get(id % rows);
  }
}

interface Measured {
  insertMs: number;
  queryMs: number;
}

function measure(open: Opener, path: string, options: OpenDatabaseOptions, rows: number): Measured {
  const db = open(path, options);
  try {
    createTable(db);
    const insertMs = timeMs(() => insertRows(db, rows));
    pointQueries(db, rows, 1000); // warm the page cache the same way for both
    const queryMs = timeMs(() => pointQueries(db, rows, rows));
    return { insertMs, queryMs };
  } finally {
    db.close();
  }
}

/**
 * Encrypted versus plain SQLite with the same tuning, rounds interleaved so machine noise hits both alike.
 * `variant` names a tuning that differs from the vault's default, measured for docs/benchmarks.md.
 */
export function benchSqlite(dir: string, rows: number, emit: FigureSink, variant?: { name: string; options: OpenDatabaseOptions }): void {
  const key = randomBytes(32);
  const options = variant?.options ?? {};
  const plain: Measured[] = [];
  const encrypted: Measured[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const tag = `${variant?.name ?? 'default'}-${round}`;
    plain.push(measure(openPlainDatabase, join(dir, `plain-${tag}.db`), options, rows));
    encrypted.push(measure((path, o) => openEncryptedDatabase(path, key, o), join(dir, `encrypted-${tag}.db`), options, rows));
  }
  const suffix = variant ? `.${variant.name}` : '';
  const details = { rows, rounds: ROUNDS, batch: BATCH };
  emit(
    ratioFigure(
      `sqlite.insert.batched${suffix}`,
      median(encrypted.map((m) => m.insertMs)),
      { name: 'plain sqlite', value: median(plain.map((m) => m.insertMs)) },
      // The cipher's own floor with HMAC on (AES-256-CBC and HMAC-SHA512 per written page): 1.15–1.23 measured bare.
      variant ? undefined : 1.2,
      details,
    ),
  );
  emit(
    ratioFigure(
      `sqlite.query.point${suffix}`,
      median(encrypted.map((m) => m.queryMs)),
      { name: 'plain sqlite', value: median(plain.map((m) => m.queryMs)) },
      variant ? undefined : 1.2,
      { ...details, queries: rows },
    ),
  );
}

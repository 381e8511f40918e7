import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, sql } from 'kysely';
import { CofferError } from '../../contract/index.js';
import { ImmediateSqliteDialect } from './immediateSqliteDialect.js';
import { migrateStore } from './migrateStore.js';
import { namingPool } from './namedStatements.js';
import { SchemaScopedPostgresDialect } from './schemaScopedPostgresDialect.js';
import type { StoreDialect } from './storeDialect.js';
import type { GatewayDatabase } from './storeSchema.js';

/** The gateway's database, migrated and ready: SQLite for one machine, PostgreSQL for many processes. */
export interface GatewayStore {
  db: Kysely<GatewayDatabase>;
  dialect: StoreDialect;
  /** Where the data lives, without credentials: for logs and `readyz`. */
  where: string;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** Folder of the SQLite file (`gateway.sqlite`), created 0700 if missing. */
  dataDir?: string;
  /** A PostgreSQL connection string; wins over `dataDir`. */
  databaseUrl?: string;
  /** PostgreSQL only: the schema to work in (created if missing), so tests and tenants stay apart. */
  schema?: string;
  /** PostgreSQL pool size per process. */
  poolSize?: number;
  /** Migrate only up to this migration (a name of MIGRATION_NAMES): tests of an upgrade from an older store. */
  migrateTo?: string;
}

export const SQLITE_FILE = 'gateway.sqlite';
const PG_INT8_OID = 20;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

// pg returns int8 as text to avoid silent precision loss; our int8 columns hold epoch milliseconds, counts
// and minor units, all far below 2^53, and a value beyond that is refused rather than rounded.
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new CofferError('SERVER_INTERNAL', 'a 64-bit integer column holds a value beyond 2^53');
  return value;
}

/** A connection string with any password removed, safe to log. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return `postgres ${parsed.host}${parsed.pathname}`;
  } catch {
    return 'postgres (unparsable DATABASE_URL)';
  }
}

function openSqlite(dataDir: string): GatewayStore {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, SQLITE_FILE);
  const database = new Database(file);
  // WAL lets readers (readyz, policy fetches) run beside the one writer; busy_timeout waits for a
  // second process's write instead of failing at once; foreign keys are off in SQLite unless asked.
  database.pragma('journal_mode = WAL');
  // An answer sent is a promise kept: in WAL mode this SQLite build defaults to NORMAL (DEFAULT_WAL_SYNCHRONOUS=1),
  // which leaves a commit unsynced until the next checkpoint, so a power cut could lose a payment already
  // acknowledged. FULL syncs the WAL at every commit.
  database.pragma('synchronous = FULL');
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  const db = new Kysely<GatewayDatabase>({ dialect: new ImmediateSqliteDialect({ database: preparedOnce(database) }) });
  return { db, dialect: 'sqlite', where: `sqlite ${file}`, close: () => db.destroy() };
}

/** Statements kept prepared per connection; the gateway's queries are a few dozen texts. */
const PREPARED_KEPT = 256;

/**
 * The connection as Kysely's SQLite driver sees it, with each statement prepared once per text and reused:
 * Kysely prepares every query afresh, which cost about as much as running it (a profile of the statement
 * sync: 14 % of the thread in prepare). Parameters are bound per run, so reuse shares no values; a
 * statement still busy (an iteration in progress) is not shared, a fresh one is prepared beside it.
 */
function preparedOnce(database: Database.Database): { close(): void; prepare(sql: string): Database.Statement } {
  const prepared = new Map<string, Database.Statement>();
  return {
    close: () => void database.close(),
    prepare(text: string) {
      const kept = prepared.get(text);
      if (kept !== undefined && !kept.busy) return kept;
      const statement = database.prepare(text);
      if (kept === undefined) {
        if (prepared.size >= PREPARED_KEPT) prepared.delete(prepared.keys().next().value as string);
        prepared.set(text, statement);
      }
      return statement;
    },
  };
}

async function openPostgres(url: string, options: OpenStoreOptions): Promise<GatewayStore> {
  const schema = options.schema;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new CofferError('SERVER_BAD_OPTIONS', `expected a schema name of lower-case letters, digits and _, found ${JSON.stringify(schema)}`);
  }
  // Loaded only when a PostgreSQL store is asked for: an SQLite gateway or a bank command never needs it.
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    types: { getTypeParser: (oid, format) => (oid === PG_INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format)) },
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  const db = new Kysely<GatewayDatabase>({ dialect: new SchemaScopedPostgresDialect({ pool: namingPool(pool) }) });
  const where = describeDatabaseUrl(url) + (schema === undefined ? '' : ` schema ${schema}`);
  try {
    if (schema !== undefined) await sql.raw(`CREATE SCHEMA IF NOT EXISTS ${schema}`).execute(db);
    else await sql`SELECT 1`.execute(db);
  } catch (cause) {
    await db.destroy();
    throw new CofferError('SERVER_STORE_UNAVAILABLE', `cannot reach ${where}: ${(cause as Error).message.split('\n')[0]}`, { cause });
  }
  return { db, dialect: 'postgres', where, close: () => db.destroy() };
}

/** Opens the store named by the options and brings its schema up to date (idempotent, safe in parallel). */
export async function openStore(options: OpenStoreOptions): Promise<GatewayStore> {
  let store: GatewayStore;
  if (options.databaseUrl) store = await openPostgres(options.databaseUrl, options);
  else if (options.dataDir) store = openSqlite(options.dataDir);
  else throw new CofferError('SERVER_BAD_OPTIONS', 'expected --data DIR or DATABASE_URL to name the store, found neither');
  try {
    await migrateStore(store.db, store.dialect, options.databaseUrl ? options.schema : undefined, options.migrateTo);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

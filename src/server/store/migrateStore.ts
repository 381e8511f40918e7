import { Migrator, type Kysely, type Migration } from 'kysely';
import { CofferError } from '../../contract/index.js';
import * as m0001 from './migrations/m0001_initial.js';
import * as m0002 from './migrations/m0002_payments.js';
import type { StoreDialect } from './storeDialect.js';

/** Every migration, in order; one file each under `migrations/`, the same for SQLite and PostgreSQL. */
const MIGRATIONS = [
  ['0001_initial', m0001],
  ['0002_payments', m0002],
] as const;

/**
 * Runs the migrations not yet applied. Kysely's migrator takes a lock (an advisory lock on PostgreSQL), so
 * several gateway processes starting at once on one database migrate it exactly once.
 */
// Kysely's own migrator is typed on Kysely<any>: migrations run before the typed schema exists.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateStore(db: Kysely<any>, dialect: StoreDialect, schema?: string): Promise<void> {
  const migrations: Record<string, Migration> = {};
  for (const [name, migration] of MIGRATIONS) migrations[name] = { up: (trx) => migration.up(trx, dialect) };
  // Named when the store works in a schema: Kysely otherwise takes a migration table of ANY schema for its
  // own (it looks them up by name only), and a store beside another schema's then skips creating its lock.
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, ...(schema === undefined ? {} : { migrationTableSchema: schema }) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new CofferError('SERVER_STORE_UNAVAILABLE', `migration ${failed} failed: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
}

import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import { CofferError } from '../../contract/index.js';
import * as m0001 from './migrations/m0001_initial.js';
import * as m0002 from './migrations/m0002_payments.js';
import * as m0003 from './migrations/m0003_witness.js';
import * as m0004 from './migrations/m0004_statement_feed.js';
import * as m0005 from './migrations/m0005_batch_approvals.js';
import * as m0006 from './migrations/m0006_payment_status.js';
import * as m0007 from './migrations/m0007_payee_checks.js';
import * as m0008 from './migrations/m0008_pending_payments.js';
import * as m0009 from './migrations/m0009_opening_balances.js';
import * as m0010 from './migrations/m0010_share_sequence.js';
import * as m0011 from './migrations/m0011_allowed_aaguids.js';
import type { StoreDialect } from './storeDialect.js';

/** Every migration, in order; one file each under `migrations/`, the same for SQLite and PostgreSQL. */
const MIGRATIONS = [
  ['0001_initial', m0001],
  ['0002_payments', m0002],
  ['0003_witness', m0003],
  ['0004_statement_feed', m0004],
  ['0005_batch_approvals', m0005],
  ['0006_payment_status', m0006],
  ['0007_payee_checks', m0007],
  ['0008_pending_payments', m0008],
  ['0009_opening_balances', m0009],
  ['0010_share_sequence', m0010],
  ['0011_allowed_aaguids', m0011],
] as const;

/** The names of every migration, in the order they run. */
export const MIGRATION_NAMES: readonly string[] = MIGRATIONS.map(([name]) => name);

/**
 * Runs the migrations not yet applied. Kysely's migrator takes a lock (an advisory lock on PostgreSQL), so
 * several gateway processes starting at once on one database migrate it exactly once.
 */
// Kysely's own migrator is typed on Kysely<any>: migrations run before the typed schema exists.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateStore(db: Kysely<any>, dialect: StoreDialect, schema?: string, upTo?: string): Promise<void> {
  const migrations: Record<string, Migration> = {};
  for (const [name, migration] of MIGRATIONS) migrations[name] = { up: (trx) => migration.up(trx, dialect) };
  // Kysely looks for its bookkeeping tables in every schema unless told which: beside another schema that
  // has them (another tenant, a parallel test), it would skip creating its own and then fail to find them.
  const inSchema = schema ?? (dialect === 'postgres' ? (await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db)).rows[0]?.schema : undefined);
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, ...(inSchema ? { migrationTableSchema: inSchema } : {}) });
  if (upTo !== undefined && !MIGRATION_NAMES.includes(upTo)) throw new CofferError('SERVER_BAD_OPTIONS', `expected a migration of ${MIGRATION_NAMES.join(', ')}, found ${JSON.stringify(upTo)}`);
  const { error, results } = upTo === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(upTo);
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new CofferError('SERVER_STORE_UNAVAILABLE', `migration ${failed} failed: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
}

/**
 * Every gateway test runs twice: on an embedded SQLite file and on the real PostgreSQL. PostgreSQL is
 * `COFFER_POSTGRES_URL`, else `postgres://postgres@127.0.0.1:5432/test` (trust auth on a developer's
 * machine). Each store a test opens is fresh: a new temp folder, or a new schema dropped afterwards, so
 * test files running in parallel never see each other's rows.
 *
 * Like the published vectors (vectors.ts): where COFFER_POSTGRES_URL is set (CI sets it) an unreachable
 * database fails the run; on a lone machine without PostgreSQL the PostgreSQL suites are skipped with one
 * line on stderr naming what did not run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe } from 'vitest';
import { openStore, type GatewayStore, type OpenStoreOptions } from '../../src/server/index.js';
import { randomId } from '../../src/crypto/index.js';

const fromEnvironment = process.env.COFFER_POSTGRES_URL;
/** The PostgreSQL the gateway tests use. */
export const postgresUrl = fromEnvironment ?? 'postgres://postgres@127.0.0.1:5432/test';

async function probe(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return (error as Error).message.split('\n')[0];
  } finally {
    await client.end().catch(() => undefined);
  }
}

const unreachable = await probe(postgresUrl);
// A COFFER_POSTGRES_URL that cannot be reached is a broken CI, not a lone machine: fail, never skip.
if (fromEnvironment && unreachable !== undefined) {
  throw new Error(`COFFER_POSTGRES_URL: expected a reachable PostgreSQL, found: ${unreachable}`);
}
/** True when the PostgreSQL suites run. */
export const postgresAvailable = unreachable === undefined;

export type StoreKind = 'sqlite' | 'postgres';

/** What a store suite gets: its kind, and a way to open fresh stores (or several handles on one). */
export interface StoreUnderTest {
  kind: StoreKind;
  /** A fresh, migrated, empty store, closed and removed after the test; `migrateTo` stops at an older migration. */
  fresh(migrateTo?: string): Promise<GatewayStore>;
  /** The options that opened `store`: another process (or a second handle) opens the same data with them. */
  optionsOf(store: GatewayStore): OpenStoreOptions;
  /**
   * What a second gateway process would use on the same data, inside this test process: a second pool on
   * PostgreSQL (closed after the test). On SQLite the same handle: better-sqlite3 is synchronous, so a
   * second handle in the same thread waiting for the first one's write lock would block the very event
   * loop that must finish the first one's transaction (two real processes do not have that problem).
   */
  secondProcess(store: GatewayStore): Promise<GatewayStore>;
}

const cleanups: (() => Promise<void>)[] = [];
const opened = new WeakMap<GatewayStore, OpenStoreOptions>();

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function storeUnderTest(kind: StoreKind): StoreUnderTest {
  return {
    kind,
    async fresh(migrateTo?: string) {
      let options: OpenStoreOptions;
      if (kind === 'sqlite') {
        const dir = mkdtempSync(path.join(tmpdir(), 'coffer-gateway-'));
        options = { dataDir: path.join(dir, 'data') };
        cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
      } else {
        const schema = `t_${randomId().replaceAll('-', '').slice(0, 24)}`;
        options = { databaseUrl: postgresUrl, schema, poolSize: 4 };
        cleanups.push(async () => {
          const client = new pg.Client({ connectionString: postgresUrl });
          await client.connect();
          await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
          await client.end();
        });
      }
      const store = await openStore(migrateTo === undefined ? options : { ...options, migrateTo });
      opened.set(store, options);
      cleanups.push(() => store.close());
      return store;
    },
    async secondProcess(store) {
      if (kind === 'sqlite') return store;
      const second = await openStore(this.optionsOf(store));
      cleanups.push(() => second.close());
      return second;
    },
    optionsOf(store) {
      const options = opened.get(store);
      if (!options) throw new Error('optionsOf: expected a store opened by fresh()');
      return options;
    },
  };
}

let skippedNotice = false;

/**
 * `describe` once per store: `describeOnEachStore('enrolment', (stores) => { it(…, async () => { const
 * store = await stores.fresh(); … }) })`. The suites are named `… (sqlite)` and `… (postgres)`.
 */
export function describeOnEachStore(name: string, factory: (stores: StoreUnderTest) => void): void {
  describe(`${name} (sqlite)`, () => factory(storeUnderTest('sqlite')));
  if (postgresAvailable) {
    describe(`${name} (postgres)`, () => factory(storeUnderTest('postgres')));
    return;
  }
  if (!skippedNotice) {
    skippedNotice = true;
    process.stderr.write(`coffer: skipped the PostgreSQL runs of the gateway tests: ${postgresUrl} unreachable (${unreachable}); set COFFER_POSTGRES_URL to require them\n`);
  }
  describe.skip(`${name} (postgres)`, () => factory(storeUnderTest('postgres')));
}

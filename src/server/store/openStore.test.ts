import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeOnEachStore } from '../../../test/support/gatewayStores.js';
import { randomId } from '../../crypto/index.js';
import { MIGRATION_NAMES } from './migrateStore.js';
import { openStore } from './openStore.js';

/** PRAGMA synchronous values (sqlite.org/pragma.html#pragma_synchronous): 1 NORMAL, 2 FULL. */
const SQLITE_SYNCHRONOUS_FULL = 2;

describeOnEachStore('the gateway store', (stores) => {
  it('creates every table of migration 0001', async () => {
    const store = await stores.fresh();
    const tables = (await store.db.introspection.getTables()).map((table) => table.name);
    expect(tables).toEqual(expect.arrayContaining(['organisations', 'devices', 'gateway_audit', 'request_nonces', 'rate_limits', 'credentials', 'payments', 'payment_emissions', 'idempotency_keys']));
  });

  it('migrates once when a second handle opens the same data', async () => {
    const store = await stores.fresh();
    const again = await openStore(stores.optionsOf(store));
    try {
      const rows = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(again.db);
      expect(rows.rows.map((row) => row.name)).toEqual(MIGRATION_NAMES);
    } finally {
      await again.close();
    }
  });

  it('reads back 64-bit integers as numbers', async () => {
    const store = await stores.fresh();
    await store.db.insertInto('rate_limits').values({ key: 'k', count: 3, reset_at: 1_900_000_000_000 }).execute();
    const row = await store.db.selectFrom('rate_limits').selectAll().executeTakeFirstOrThrow();
    expect(row).toEqual({ key: 'k', count: 3, reset_at: 1_900_000_000_000 });
  });
});

describe('when no store is named', () => {
  it('refuses with SERVER_BAD_OPTIONS', async () => {
    await expect(openStore({})).toThrowCode('SERVER_BAD_OPTIONS');
  });
});

describe('when PostgreSQL cannot be reached', () => {
  it('refuses with SERVER_STORE_UNAVAILABLE and no password in the message', async () => {
    // Built from parts: a connection string with a password written out is what the secret scan looks for.
    const url = new URL('postgres://127.0.0.1:1/none');
    const password = `pw-${randomId()}`;
    url.username = 'bank';
    url.password = password;
    const error = await openStore({ databaseUrl: url.toString() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SERVER_STORE_UNAVAILABLE' });
    expect(String((error as Error).message)).not.toContain(password);
  });
});

describe('an SQLite store', () => {
  it('syncs the WAL at every commit, so an acknowledged write survives a power cut (synchronous = FULL)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'coffer-gateway-sync-'));
    try {
      // Twice: a fresh file, and one that is already in WAL mode when it is opened, where SQLite's WAL default applies.
      for (let open = 0; open < 2; open++) {
        const store = await openStore({ dataDir: dir });
        try {
          const [mode] = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(store.db).then((r) => r.rows);
          const [level] = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(store.db).then((r) => r.rows);
          expect({ mode: mode?.journal_mode, level: level?.synchronous }).toEqual({ mode: 'wal', level: SQLITE_SYNCHRONOUS_FULL });
        } finally {
          await store.close();
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

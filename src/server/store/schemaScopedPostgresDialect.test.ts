import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { randomId } from '../../crypto/index.js';
import { postgresAvailable, postgresUrl } from '../../../test/support/gatewayStores.js';
import { openStore } from './openStore.js';

/*
 * Another tenant's schema dropped while a gateway migrates its own: Kysely's stock introspector resolved every
 * schema's tables by name and failed with "schema … does not exist" (it failed parallel test runs now and
 * then, naming a schema of another test file). Here one client creates and drops schemas with serial columns
 * as fast as it can while stores are opened and migrated beside it.
 */
const name = () => `t_${randomId().replaceAll('-', '').slice(0, 24)}`;

describe.skipIf(!postgresAvailable)('a store migrating beside schemas being dropped (postgres)', () => {
  const opened: string[] = [];
  afterAll(async () => {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    for (const schema of opened) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  });

  it('opens and migrates every time, looking only at its own schema', async () => {
    const churn = new pg.Client({ connectionString: postgresUrl });
    await churn.connect();
    let stop = false;
    let churned = 0;
    const churning = (async () => {
      while (!stop) {
        const schema = `churn_${randomId().replaceAll('-', '').slice(0, 20)}`;
        await churn.query(`CREATE SCHEMA ${schema}; CREATE TABLE ${schema}.a (id serial PRIMARY KEY, b text, c bigint, d text, e text); CREATE TABLE ${schema}.f (id serial PRIMARY KEY, g text)`);
        await churn.query(`DROP SCHEMA ${schema} CASCADE`);
        churned += 1;
      }
    })();
    try {
      for (let round = 0; round < 12; round += 1) {
        const schema = name();
        opened.push(schema);
        const store = await openStore({ databaseUrl: postgresUrl, schema, poolSize: 2 });
        const tables = await store.db.introspection.getTables();
        await store.close();
        expect(tables.every((table) => table.schema === schema)).toBe(true);
        expect(tables.map((table) => table.name)).toContain('kysely_migration');
      }
    } finally {
      stop = true;
      await churning;
      await churn.end();
    }
    expect(churned).toBeGreaterThan(0);
  }, 120_000);
});

import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeOnEachStore } from '../support/gatewayStores.js';
import { addUser, createOrganisation, verifyGatewayAudit } from '../../src/server/index.js';

const NOW = Date.parse('2026-03-02T09:00:00Z');

describeOnEachStore('a bank insider rewrites the gateway audit log', (stores) => {
  it('the database refuses UPDATE and DELETE of an entry', async () => {
    const store = await stores.fresh();
    await createOrganisation(store, 'sam', { orgId: 'nordlicht', name: 'Nordlicht' }, NOW);
    await expect(store.db.updateTable('gateway_audit').set({ actor: 'staff:nobody' }).execute()).rejects.toThrow(/append-only/);
    await expect(store.db.deleteFrom('gateway_audit').execute()).rejects.toThrow(/append-only/);
    expect(await verifyGatewayAudit(store.db)).toBe(1);
  });

  it('an entry changed behind the triggers breaks the chain: AUDIT_ROOT_MISMATCH', async () => {
    const store = await stores.fresh();
    await createOrganisation(store, 'sam', { orgId: 'nordlicht', name: 'Nordlicht' }, NOW);
    await addUser(store, 'sam', { orgId: 'nordlicht', userId: 'mallory', name: 'Mallory', roles: ['approver'] }, NOW);
    // The insider has DDL rights: drops the guard, hides who added Mallory, restores the guard.
    if (stores.kind === 'sqlite') {
      await sql`DROP TRIGGER gateway_audit_no_update`.execute(store.db);
      await sql`UPDATE gateway_audit SET actor = 'staff:someone-else' WHERE seq = 1`.execute(store.db);
    } else {
      await sql`ALTER TABLE gateway_audit DISABLE TRIGGER gateway_audit_append_only`.execute(store.db);
      await sql`UPDATE gateway_audit SET actor = 'staff:someone-else' WHERE seq = 1`.execute(store.db);
    }
    await expect(verifyGatewayAudit(store.db)).toThrowCode('AUDIT_ROOT_MISMATCH');
  });
});

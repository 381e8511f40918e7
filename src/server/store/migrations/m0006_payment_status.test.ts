import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeOnEachStore } from '../../../../test/support/gatewayStores.js';
import { createOrganisation } from '../../bank/createOrganisation.js';
import { addUser } from '../../bank/addUser.js';
import { exportPayments } from '../../payments/exportPayments.js';
import { markPayment } from '../../payments/markPayment.js';
import { openStore } from '../openStore.js';

const IBAN = 'DE89370400440532013000';

describeOnEachStore('migration 0006 on a store with accepted payments', (stores) => {
  it('keeps each of them accepted and exportable, and lets staff mark it afterwards', async () => {
    const old = await stores.fresh('0005_batch_approvals');
    const now = Date.now();
    await createOrganisation(old, 'sam', { orgId: 'nordlicht', name: 'Nordlicht Handels GmbH' }, now);
    await addUser(old, 'sam', { orgId: 'nordlicht', userId: 'alice', name: 'Alice Maker', roles: ['maker'] }, now);
    // An account as staff added it then: before migration 0009 gave accounts an opening balance.
    await sql`INSERT INTO accounts (iban, org_id, name, currency, bic, created_at) VALUES (${IBAN}, 'nordlicht', 'Operating', 'EUR', 'COBADEFFXXX', ${now})`.execute(old.db);
    await sql`INSERT INTO activation_codes (code_hash, org_id, user_id, created_at, expires_at) VALUES ('code', 'nordlicht', 'alice', ${now}, ${now})`.execute(old.db);
    await sql`INSERT INTO devices (id, org_id, user_id, vault_id, public_key, activation_code_hash, certificate, enrolled_at, revoked_at)
      VALUES ('dev-1', 'nordlicht', 'alice', 'vault-1', 'key', 'code', 'cert', ${now}, NULL)`.execute(old.db);
    const order = {
      id: 'pay-before-0006',
      debtorIban: IBAN,
      creditor: { name: 'Boulangerie Éclair SARL', iban: 'FR1420041010050500013M02606', bic: 'BNPAFRPP' },
      amountMinor: 2300_00,
      currency: 'EUR',
      remittanceInfo: 'Catering Q2',
      executionDate: new Date(now + 2 * 86_400_000).toISOString().slice(0, 10),
      expiresAt: new Date(now + 32 * 86_400_000).toISOString(),
      createdBy: 'alice',
    };
    await sql`INSERT INTO payments (org_id, payment_id, digest, debtor_iban, currency, maker, order_json, approvals, device_id, accepted_at, emission_id)
      VALUES ('nordlicht', ${order.id}, ${'ab'.repeat(32)}, ${IBAN}, 'EUR', 'alice', ${JSON.stringify(order)}, '[]', 'dev-1', ${now}, NULL)`.execute(old.db);

    const store = await openStore(stores.optionsOf(old));
    try {
      expect(await store.db.selectFrom('payments').select(['payment_id', 'status', 'status_reason']).execute()).toEqual([{ payment_id: order.id, status: 'accepted', status_reason: null }]);
      expect((await exportPayments(store, 'sam', 'nordlicht')).flatMap((file) => file.paymentIds)).toEqual([order.id]);
      await markPayment(store, 'sam', { orgId: 'nordlicht', paymentId: order.id, status: 'executed' });
      // Accepted before the feed existed: its first report is the execution.
      expect(await store.db.selectFrom('payment_status_feed').select(['payment_id', 'status']).execute()).toEqual([{ payment_id: order.id, status: 'executed' }]);
    } finally {
      await store.close();
    }
  });
});

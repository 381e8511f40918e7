import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { canonicalJson } from '../../../contract/index.js';
import { ed25519Sign } from '../../../crypto/index.js';
import { startTestGateway } from '../../../../test/support/gatewayClient.js';
import { describeOnEachStore } from '../../../../test/support/gatewayStores.js';
import { digestOf, enrolledOrg, order, ORG } from '../../../../test/support/paymentGateway.js';
import { pullPending, sharePayment } from '../../../../test/support/relayGateway.js';
import { addUser } from '../../bank/addUser.js';
import { createOrganisation } from '../../bank/createOrganisation.js';
import { exportPayments } from '../../payments/exportPayments.js';
import { openStore } from '../openStore.js';

const OLD_ORG = 'altona';
const OLD_IBAN = 'DE02120300000000202051';

describeOnEachStore('migrations 0008 to 0010 on an older store', (stores) => {
  it('a store made at 0007 (before pending payments) keeps its accepted payment, exportable, and takes shares with a sequence afterwards', async () => {
    const old = await stores.fresh('0007_payee_checks');
    const now = Date.now();
    await createOrganisation(old, 'sam', { orgId: OLD_ORG, name: 'Altona Werft KG' }, now);
    await addUser(old, 'sam', { orgId: OLD_ORG, userId: 'olga', name: 'Olga Maker', roles: ['maker'] }, now);
    // As addAccount wrote it at 0007 (today's writes opening-balance columns that came with 0009).
    await sql`INSERT INTO accounts (iban, org_id, name, currency, bic, created_at) VALUES (${OLD_IBAN}, ${OLD_ORG}, 'Operating', 'EUR', 'BYLADEM1001', ${now})`.execute(old.db);
    await sql`INSERT INTO activation_codes (code_hash, org_id, user_id, created_at, expires_at) VALUES ('code', ${OLD_ORG}, 'olga', ${now}, ${now})`.execute(old.db);
    await sql`INSERT INTO devices (id, org_id, user_id, vault_id, public_key, activation_code_hash, certificate, enrolled_at, revoked_at)
      VALUES ('dev-old', ${OLD_ORG}, 'olga', 'vault-old', 'key', 'code', 'cert', ${now}, NULL)`.execute(old.db);
    const accepted = { ...order({ debtorIban: OLD_IBAN, createdBy: 'olga' }), id: 'pay-before-0008' };
    await sql`INSERT INTO payments (org_id, payment_id, digest, debtor_iban, currency, maker, order_json, approvals, device_id, accepted_at, emission_id)
      VALUES (${OLD_ORG}, ${accepted.id}, ${'ab'.repeat(32)}, ${OLD_IBAN}, 'EUR', 'olga', ${JSON.stringify(accepted)}, '[]', 'dev-old', ${now}, NULL)`.execute(old.db);
    const before = await old.db.selectFrom('payments').selectAll().execute();

    const store = await openStore(stores.optionsOf(old));
    try {
      expect(await store.db.selectFrom('payments').selectAll().execute()).toEqual(before);
      expect((await exportPayments(store, 'sam', OLD_ORG)).flatMap((file) => file.paymentIds)).toEqual([accepted.id]);
      const gateway = await startTestGateway(store);
      const { alice, bob } = await enrolledOrg(store, gateway.url);
      const payment = order();
      expect((await sharePayment(gateway.url, alice, payment, { sequence: 1 })).status).toBe(201);
      expect((await pullPending(gateway.url, bob)).payments.map((entry) => [entry.payment.id, entry.sequence])).toEqual([[payment.id, 1]]);
    } finally {
      await store.close();
    }
  });

  it('a payment shared before 0010 (a v1 signature, no sequence) is left out of the feed, and the maker shares it again at sequence 1 as a new share', async () => {
    const old = await stores.fresh('0009_opening_balances');
    const oldGateway = await startTestGateway(old);
    const { alice, bob } = await enrolledOrg(old, oldGateway.url);
    await oldGateway.app.close();
    const payment = order();
    const digest = digestOf(payment).toString('hex');
    const v1 = ed25519Sign(alice.key.seed, Buffer.from(canonicalJson({ tag: 'coffer/pending-payment/v1', orgId: ORG, paymentId: payment.id, digest, status: 'pending' }), 'utf8')).toString('base64url');
    const now = Date.now();
    await sql`INSERT INTO pending_payments (org_id, payment_id, digest, order_json, maker, device_id, maker_signature, status, share_version, updated_at)
      VALUES (${ORG}, ${payment.id}, ${digest}, ${canonicalJson(payment)}, 'alice', ${alice.deviceId}, ${v1}, 'pending', 1, ${now})`.execute(old.db);
    await sql`INSERT INTO pending_payment_feed (org_id, payment_id, digest, status, order_json, maker_signature, device_id, created_at)
      VALUES (${ORG}, ${payment.id}, ${digest}, 'pending', ${canonicalJson(payment)}, ${v1}, ${alice.deviceId}, ${now})`.execute(old.db);

    const store = await openStore(stores.optionsOf(old));
    try {
      expect(await store.db.selectFrom('pending_payments').select(['payment_id', 'status', 'sequence', 'share_version', 'maker_signature']).execute()).toEqual([
        { payment_id: payment.id, status: 'pending', sequence: 0, share_version: 1, maker_signature: v1 },
      ]);
      const gateway = await startTestGateway(store);
      expect((await pullPending(gateway.url, bob)).payments).toEqual([]);
      expect(await sharePayment(gateway.url, alice, payment, { sequence: 1 })).toMatchObject({ status: 201, body: { paymentId: payment.id, status: 'pending' } });
      expect(await store.db.selectFrom('pending_payments').select(['sequence', 'share_version']).execute()).toEqual([{ sequence: 1, share_version: 2 }]);
      expect((await pullPending(gateway.url, bob)).payments.map((entry) => [entry.payment.id, entry.sequence])).toEqual([[payment.id, 1]]);
    } finally {
      await store.close();
    }
  });
});

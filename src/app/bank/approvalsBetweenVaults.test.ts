import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { anotherCode, demoBankWithCode, DEMO_ORG_ID, enrolFreshVault } from '../../../test/support/enrolledVault.js';
import { describeOnEachStore } from '../../../test/support/gatewayStores.js';
import { startTestGateway } from '../../../test/support/gatewayClient.js';
import { registerKey, softwareKey } from '../../../test/support/softwareAuthenticator.js';
import { approve, digestOf, entriesOf, lockAfterTest, makerAndApprover, statusOf, submittedPayment, sync } from '../../../test/support/vaultsBetween.js';
import { auditEntries } from '../../../test/fixtures/demo/demoVault.js';
import { ed25519PublicKeyFromSeed, generateJwsKeyPair, randomBytes } from '../../crypto/index.js';
import { signDeviceCertificate } from '../../protocol/index.js';
import { unlockVault } from '../../vault/index.js';
import { makeTestVault, TEST_PASSWORD } from '../../../test/support/testVault.js';
import { requirePayment } from '../commands/records/paymentRecords.js';
import { dispatch } from '../dispatch/dispatch.js';
import { openSession } from '../dispatch/openSession.js';
import { verifyCachedOrgPolicy } from '../policy/verifyCachedOrgPolicy.js';
import { readBankConnection } from './bankConnection.js';
import { signPendingStatement } from './pendingStatement.js';

describeOnEachStore('coffer sync: approvals between vaults', (stores) => {
  it('a key registered after enrolment reaches the policy; the maker shares, the approver receives and approves in her own vault, and both vaults hold the payment accepted', async () => {
    const store = await stores.fresh();
    const { maker, approver, key } = await makerAndApprover(store);
    // The bank listed Bob's new key in the policy version installed by the same sync.
    const policy = await verifyCachedOrgPolicy(approver.db, { now: new Date() });
    if (policy.status !== 'valid') throw new Error(`expected a valid policy, found ${policy.status}`);
    expect(policy.policy.users.find((user) => user.id === 'bob')?.credentials?.map((credential) => credential.id)).toContain(key.id);
    expect(approver.db.prepare('SELECT sent_at IS NOT NULL AS sent, refusal FROM credential_registrations').all()).toEqual([{ sent: 1, refusal: null }]);
    expect(entriesOf(approver, 'bank.register-key')).toMatchObject([{ outcome: 'allowed', target: key.id }]);

    const id = await submittedPayment(maker);
    const shared = await sync(maker);
    expect(shared.shared).toEqual({ shared: [id], withdrawn: [], refused: [], pending: 0 });
    const share = entriesOf(maker, 'bank.share-payment');
    expect(share).toMatchObject([{ outcome: 'allowed', target: id, details: { digest: digestOf(maker, id), status: 'pending' } }]);
    // No amount and no name in what the entry says (ids, digests and record hashes left out: hex may hold "120"
    // by chance, as the device's random id did once).
    expect(JSON.stringify(share.map((entry) => entry.details)).replace(/[0-9a-f]{32,}/g, '')).not.toMatch(/120|12000|Boulangerie/);

    const received = await sync(approver);
    expect(received.received).toMatchObject({ received: [{ id, change: 'added' }], refused: [] });
    expect(requirePayment(approver.db, id).payment).toMatchObject({ status: 'pending_approval', createdBy: 'alice', amountMinor: 12000 });
    expect(digestOf(approver, id)).toBe(digestOf(maker, id));
    expect(entriesOf(approver, 'bank.receive-payment').filter((entry) => entry.target === id)).toMatchObject([{ outcome: 'allowed', details: { digest: digestOf(maker, id), maker: 'alice', change: 'added' } }]);
    // The creditor got its Verification of Payee check in the same sync.
    expect(received.payees.checked.map((check) => check.target)).toContain(id);

    expect(await approve(approver, key, id)).toMatchObject({ ok: true, value: { status: 'approved' } });
    const approved = await sync(approver);
    expect(approved.approvals).toEqual({ sent: [{ id, status: 'accepted' }], refused: [], pending: 0 });
    // Never the approver's outbox: the maker's shared payment is what the bank accepted.
    expect(approved.payments).toMatchObject({ sent: 0, accepted: [] });
    expect(approver.db.prepare('SELECT count(*) FROM payment_outbox').pluck().get()).toBe(0);
    expect(approved.statuses.recorded).toEqual([{ id, status: 'accepted' }]);
    expect(statusOf(approver, id)).toBe('accepted');

    const accepted = await sync(maker);
    expect(accepted.statuses.recorded).toEqual([{ id, status: 'accepted' }]);
    expect(statusOf(maker, id)).toBe('accepted');
    for (const vault of [maker, approver]) {
      expect(entriesOf(vault, 'bank.payment-status').filter((entry) => entry.target === id)).toMatchObject([{ outcome: 'allowed', details: { status: 'accepted', onApprovalsInOtherVaults: true } }]);
      const shown = await dispatch(await openSession(vault), 'payments.show', { id });
      expect(shown).toMatchObject({ ok: true, value: { payment: { status: 'accepted' }, bank: { state: 'reported', status: 'accepted' } } });
    }
  });

  it("refuses a feed entry the maker's device did not sign, and one whose certificate is not the bank's: audited, never inserted, and the next genuine entry is taken", async () => {
    const store = await stores.fresh();
    const { maker, approver } = await makerAndApprover(store);
    const forged = await submittedPayment(maker, '120.00');
    const genuine = await submittedPayment(maker, '75.50');
    await sync(maker);
    // The bank (or whoever holds its store) rewrites the first entry's signature: one made by another device key.
    const otherDevice = randomBytes(32);
    const statement = { orgId: DEMO_ORG_ID, paymentId: forged, digest: digestOf(maker, forged), status: 'pending' as const, sequence: 1 };
    await sql`UPDATE pending_payment_feed SET maker_signature = ${signPendingStatement(otherDevice, statement)} WHERE payment_id = ${forged}`.execute(store.db);

    const first = await sync(approver);
    expect(first.received.refused).toMatchObject([{ code: 'APP_PENDING_PAYMENT_REFUSED' }]);
    expect(first.received.received).toEqual([{ id: genuine, change: 'added' }]);
    expect(statusOf(approver, forged)).toBeUndefined();
    expect(entriesOf(approver, 'bank.receive-payment').filter((entry) => entry.outcome === 'denied')).toMatchObject([{ target: forged, reason: 'APP_PENDING_PAYMENT_REFUSED' }]);

    // Then a certificate of Alice's device signed by a key that is not the bank's, for a key of the forger's,
    // which signs the next payment's statement.
    const third = await submittedPayment(maker, '33.00');
    await sync(maker);
    const connection = readBankConnection(maker.db);
    if (connection === undefined) throw new Error('expected an enrolled maker');
    const forgerSeed = randomBytes(32);
    const certificate = await signDeviceCertificate(
      { deviceId: connection.deviceId, orgId: DEMO_ORG_ID, userId: 'alice', vaultId: maker.vaultId, devicePublicKey: ed25519PublicKeyFromSeed(forgerSeed).toString('base64url'), issuedAt: new Date().toISOString() },
      generateJwsKeyPair('EdDSA').signingKey,
    );
    await sql`UPDATE devices SET certificate = ${certificate} WHERE id = ${connection.deviceId}`.execute(store.db);
    const thirdStatement = { orgId: DEMO_ORG_ID, paymentId: third, digest: digestOf(maker, third), status: 'pending' as const, sequence: 1 };
    await sql`UPDATE pending_payment_feed SET maker_signature = ${signPendingStatement(forgerSeed, thirdStatement)} WHERE payment_id = ${third}`.execute(store.db);

    const second = await sync(approver);
    expect(second.received).toMatchObject({ received: [], refused: [{ code: 'APP_PENDING_PAYMENT_REFUSED' }] });
    expect(statusOf(approver, third)).toBeUndefined();
    expect(entriesOf(approver, 'bank.receive-payment').filter((entry) => entry.outcome === 'denied').map((entry) => entry.target)).toEqual([forged, third]);
  });

  it('the maker edits after sharing: the approval of the old digest is voided before it leaves and never sent; the maker cancels: withdrawn reaches the approver', async () => {
    const store = await stores.fresh();
    const { maker, approver, key } = await makerAndApprover(store);
    const id = await submittedPayment(maker);
    await sync(maker);
    await sync(approver);
    const oldDigest = digestOf(approver, id);

    const session = await openSession(maker);
    expect(await dispatch(session, 'payments.edit', { id, amount: '130.00' })).toMatchObject({ ok: true });
    expect(await dispatch(session, 'payments.submit', { id })).toMatchObject({ ok: true });
    expect((await sync(maker)).shared.shared).toEqual([id]);

    // Bob approves what his vault still shows, the old order, before his next sync.
    expect(await approve(approver, key, id)).toMatchObject({ ok: true });
    const result = await sync(approver);
    expect(result.received.received).toEqual([{ id, change: 'changed' }]);
    // The change arrived first in that sync and voided the approval of the old order: it never leaves the vault.
    expect(result.approvals).toEqual({ sent: [], refused: [], pending: 0 });
    expect(approver.db.prepare('SELECT count(*) FROM sent_approvals').pluck().get()).toBe(0);
    expect(approver.db.prepare('SELECT payment_digest AS digest, voided_at IS NOT NULL AS voided FROM approvals WHERE payment_id = ?').all(id)).toEqual([{ digest: oldDigest, voided: 1 }]);
    expect(entriesOf(approver, 'bank.send-approval')).toEqual([]);
    expect(requirePayment(approver.db, id).payment).toMatchObject({ status: 'pending_approval', amountMinor: 13000 });
    expect(digestOf(approver, id)).toBe(digestOf(maker, id));
    expect((await sync(approver)).approvals).toEqual({ sent: [], refused: [], pending: 0 });

    expect(await dispatch(await openSession(maker), 'payments.cancel', { id })).toMatchObject({ ok: true });
    expect((await sync(maker)).shared).toMatchObject({ shared: [], withdrawn: [id] });
    expect((await sync(approver)).received.received).toEqual([{ id, change: 'withdrawn' }]);
    // A draft here, not cancelled: the gateway no longer holds a withdrawal final, and a draft is not approvable.
    expect(statusOf(approver, id)).toBe('draft');
  });

  it('the maker edits a shared payment back to a draft and syncs: the gateway holds it withdrawn, the approval of the old order never leaves and nothing is accepted; submitted again, it is approvable again', async () => {
    const store = await stores.fresh();
    const { maker, approver, key } = await makerAndApprover(store);
    const id = await submittedPayment(maker);
    await sync(maker);
    await sync(approver);
    const oldDigest = digestOf(approver, id);

    expect(await dispatch(await openSession(maker), 'payments.edit', { id, amount: '9120.00' })).toMatchObject({ ok: true });
    expect(statusOf(maker, id)).toBe('draft');
    expect((await sync(maker)).shared).toEqual({ shared: [], withdrawn: [id], refused: [], pending: 0 });
    const held = await store.db.selectFrom('pending_payments').select(['status', 'digest']).where('payment_id', '=', id).executeTakeFirstOrThrow();
    expect(held).toEqual({ status: 'withdrawn', digest: digestOf(maker, id) });
    expect(entriesOf(maker, 'bank.share-payment').at(-1)).toMatchObject({ outcome: 'allowed', target: id, details: { status: 'withdrawn' } });

    // Bob approves the old order his vault still shows, before his next sync: the bank must never take it.
    expect(await approve(approver, key, id)).toMatchObject({ ok: true, value: { status: 'approved' } });
    const result = await sync(approver);
    expect(result.received.received).toEqual([{ id, change: 'withdrawn' }]);
    // The withdrawal arrived first in that sync and voided the approval: it never leaves (the gateway would refuse
    // it SERVER_PAYMENT_WITHDRAWN, relayApproval.test.ts; and would count it were the same order shared again).
    expect(result.approvals).toEqual({ sent: [], refused: [], pending: 0 });
    expect(approver.db.prepare('SELECT payment_digest AS digest, voided_at IS NOT NULL AS voided FROM approvals WHERE payment_id = ?').all(id)).toEqual([{ digest: oldDigest, voided: 1 }]);
    expect(approver.db.prepare('SELECT count(*) FROM sent_approvals').pluck().get()).toBe(0);
    expect(statusOf(approver, id)).toBe('draft');
    expect(await store.db.selectFrom('payments').select('payment_id').execute()).toEqual([]);
    expect(await store.db.selectFrom('payment_status_feed').select('payment_id').execute()).toEqual([]);

    // Submitted again: shared at the new digest, pending approval again in Bob's vault, and his fresh approval counts.
    expect(await dispatch(await openSession(maker), 'payments.submit', { id })).toMatchObject({ ok: true });
    expect((await sync(maker)).shared).toEqual({ shared: [id], withdrawn: [], refused: [], pending: 0 });
    expect((await sync(approver)).received.received).toEqual([{ id, change: 'changed' }]);
    expect(requirePayment(approver.db, id).payment).toMatchObject({ status: 'pending_approval', amountMinor: 912000 });
    expect(digestOf(approver, id)).toBe(digestOf(maker, id));
    expect(await approve(approver, key, id)).toMatchObject({ ok: true });
    const approved = await sync(approver);
    expect(approved.approvals.refused).toEqual([]);
    expect(approved.approvals.sent).toEqual([{ id, status: expect.any(String) as unknown }]);
  });

  it('the maker cancels after the gateway accepted on approvals in other vaults: her vault says so in the share entry, keeps the bank\'s report beside the cancelled payment, and shows both', async () => {
    const store = await stores.fresh();
    const { maker, approver, key } = await makerAndApprover(store);
    const id = await submittedPayment(maker);
    await sync(maker);
    await sync(approver);
    expect(await approve(approver, key, id)).toMatchObject({ ok: true });
    expect((await sync(approver)).approvals.sent).toEqual([{ id, status: 'accepted' }]);

    // Alice cancels before her next sync: too late, the bank will execute it.
    expect(await dispatch(await openSession(maker), 'payments.cancel', { id })).toMatchObject({ ok: true });
    const result = await sync(maker);
    expect(result.shared).toEqual({ shared: [], withdrawn: [], refused: [{ id, code: 'APP_ACCEPTED_BEFORE_WITHDRAWAL' }], pending: 0 });
    expect(entriesOf(maker, 'bank.share-payment').at(-1)).toMatchObject({ outcome: 'denied', reason: 'APP_ACCEPTED_BEFORE_WITHDRAWAL', target: id, details: { status: 'withdrawn', answer: 'accepted', approvedBy: ['bob'] } });
    expect(result.statuses.recorded).toEqual([]);
    expect(result.statuses.refused).toMatchObject([{ code: 'APP_ACCEPTED_BEFORE_WITHDRAWAL' }]);
    expect(entriesOf(maker, 'bank.payment-status').filter((entry) => entry.target === id)).toMatchObject([
      { outcome: 'denied', reason: 'APP_ACCEPTED_BEFORE_WITHDRAWAL', details: { status: 'accepted', cancelledHere: true } },
    ]);
    expect(statusOf(maker, id)).toBe('cancelled');
    const shown = await dispatch(await openSession(maker), 'payments.show', { id });
    expect(shown).toMatchObject({ ok: true, value: { payment: { status: 'cancelled' }, bank: { state: 'reported', status: 'accepted', cancelledHere: true } } });
    // Kept once: the next sync neither withdraws again nor records the report twice.
    const again = await sync(maker);
    expect([again.shared.refused, again.statuses.refused]).toEqual([[], []]);
    expect(await store.db.selectFrom('payments').select(['payment_id', 'status']).execute()).toEqual([{ payment_id: id, status: 'accepted' }]);
  });

  it("a key registration whose salt was changed (not bound to this device's challenge) is refused by the bank, kept with its code and audited, and the sync goes on", async () => {
    const store = await stores.fresh();
    await demoBankWithCode(store, 'erin');
    const gateway = await startTestGateway(store);
    const approver = lockAfterTest((await enrolFreshVault(gateway.url, await anotherCode(store, 'bob'))).vault);
    const key = softwareKey();
    const session = await openSession(approver);
    const options = await dispatch(session, 'keys.register-options', {});
    if (!options.ok) throw new Error(options.error.message);
    const { challenge } = options.value.options as { challenge: string };
    expect(await dispatch(session, 'keys.register', { response: registerKey(key, challenge) as never, name: 'YubiKey 5C' })).toMatchObject({ ok: true });
    // The owner edits the salt: the registration no longer answers the challenge the gateway recomputes.
    approver.db.prepare('UPDATE credential_registrations SET salt = ?').run(randomBytes(32).toString('base64url'));

    const result = await sync(approver);
    expect(result.credentials.registered).toEqual([]);
    expect(result.credentials.refused).toMatchObject([{ id: key.id }]);
    const code = result.credentials.refused[0]?.code;
    expect(code).toMatch(/^SERVER_/);
    expect(approver.db.prepare('SELECT refusal FROM credential_registrations').pluck().all()).toEqual([code]);
    expect(entriesOf(approver, 'bank.register-key')).toMatchObject([{ outcome: 'denied', reason: code, target: key.id }]);
    // The rest of the sync ran: the statements step and the summary entry.
    expect(auditEntries(approver).at(-1)).toMatchObject({ action: 'bank.sync', details: { keysRegistered: 0, keysRefused: 1 } });
    const policy = await verifyCachedOrgPolicy(approver.db, { now: new Date() });
    if (policy.status !== 'valid') throw new Error(`expected a valid policy, found ${policy.status}`);
    expect(policy.policy.users.find((user) => user.id === 'bob')?.credentials?.map((credential) => credential.id) ?? []).not.toContain(key.id);
    // Not sent again.
    expect((await sync(approver)).credentials).toEqual({ registered: [], refused: [], pending: 0 });
  });

  it('a key registered before enrolment keeps a random challenge, is not sent to the bank, and enrolment says so', async () => {
    const store = await stores.fresh();
    await demoBankWithCode(store, 'erin');
    const gateway = await startTestGateway(store);
    const { dir, vault: fresh } = await makeTestVault();
    const session = await openSession(fresh);
    const options = await dispatch(session, 'keys.register-options', {});
    if (!options.ok) throw new Error(options.error.message);
    const { challenge } = options.value.options as { challenge: string };
    expect(await dispatch(session, 'keys.register', { response: registerKey(softwareKey(), challenge) as never, name: 'Early key' })).toMatchObject({ ok: true });
    expect(fresh.db.prepare('SELECT count(*) FROM credential_registrations').pluck().get()).toBe(0);
    const enrolled = await dispatch(await openSession(fresh), 'bank.enrol', { server: gateway.url, code: await anotherCode(store, 'bob') });
    fresh.lock();
    expect(enrolled).toMatchObject({ ok: true, value: { notice: expect.stringMatching(/1 hardware key\(s\) registered before enrolment were not sent to the bank/) as unknown } });
    const vault = lockAfterTest(await unlockVault(dir, { password: TEST_PASSWORD }, { autoLockMs: null }));
    expect((await sync(vault)).credentials).toEqual({ registered: [], refused: [], pending: 0 });
  });

  it('a share whose answer was lost is sent again at the next sync, and only then: the gateway and the approver hold it once', async () => {
    const store = await stores.fresh();
    const { proxy, maker, approver } = await makerAndApprover(store);
    const id = await submittedPayment(maker);
    proxy.loseAnswers('POST', '/v1/pending-payments', 1);
    const lost = await sync(maker);
    expect(lost.shared).toEqual({ shared: [], withdrawn: [], refused: [], pending: 1 });
    expect(statusOf(maker, id)).toBe('pending_approval');
    expect((await sync(maker)).shared.shared).toEqual([id]);
    expect((await sync(maker)).shared).toEqual({ shared: [], withdrawn: [], refused: [], pending: 0 });
    expect(proxy.forwarded('POST', '/v1/pending-payments')).toBe(2);
    const feed = await sql<{ n: number | string }>`SELECT count(*) AS n FROM pending_payment_feed WHERE payment_id = ${id}`.execute(store.db);
    expect(Number(feed.rows[0]?.n)).toBe(1);
    expect((await sync(approver)).received.received).toEqual([{ id, change: 'added' }]);
    expect((await sync(approver)).received.received).toEqual([]);
  });
});

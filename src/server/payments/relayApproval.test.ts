import { expect, it } from 'vitest';
import { PaymentStatusFeedResponse, PendingPaymentAnswer, type PaymentOrder } from '../../contract/index.js';
import { ed25519Verify, generateEd25519KeyPair } from '../../crypto/index.js';
import { verifyPaymentStatusReport } from '../../domain/index.js';
import { verifyDeviceCertificate } from '../../protocol/index.js';
import { enrol, signedGet, startTestGateway } from '../../../test/support/gatewayClient.js';
import { describeOnEachStore } from '../../../test/support/gatewayStores.js';
import { approve, approveBatch, digestOf, enrolledOrg, enrolUser, order, ORG, SMALL_EUR_LIMIT_MINOR, submitPayment, type EnrolledUser } from '../../../test/support/paymentGateway.js';
import { enrolledBankKey, makerSignature, pendingStatement, pullPending, registerCredential, relayApproval, sharePayment } from '../../../test/support/relayGateway.js';
import { softwareKey } from '../../../test/support/softwareAuthenticator.js';
import { addUser } from '../bank/addUser.js';
import { createOrganisation } from '../bank/createOrganisation.js';
import { createActivationCode } from '../enrolment/createActivationCode.js';
import { revokeDevice } from '../enrolment/revokeDevice.js';
import type { GatewayStore } from '../store/openStore.js';
import { exportPayments } from './exportPayments.js';

/** Above the small EUR band: bob (A) and carol (B) must both approve. */
const twoApproverOrder = (overrides: Partial<PaymentOrder> = {}) => order({ amountMinor: SMALL_EUR_LIMIT_MINOR + 500_00, ...overrides });

/** What an attack must leave as it was: relayed approvals, payments, status reports, counters. */
async function snapshot(store: GatewayStore) {
  return {
    relayed: await store.db.selectFrom('relayed_approvals').select(['payment_id', 'user_id', 'digest']).orderBy('payment_id').orderBy('user_id').execute(),
    payments: await store.db.selectFrom('payments').select(['payment_id', 'digest']).orderBy('payment_id').execute(),
    statuses: await store.db.selectFrom('payment_status_feed').select(['payment_id', 'status']).orderBy('seq').execute(),
    counters: await store.db.selectFrom('credentials').select(['id', 'sign_count']).orderBy('id').execute(),
    pending: await store.db.selectFrom('pending_payments').select(['payment_id', 'digest', 'status', 'device_id']).orderBy('payment_id').execute(),
    feed: await store.db.selectFrom('pending_payment_feed').select(['seq']).orderBy('seq').execute(),
  };
}

async function refusalCodes(store: GatewayStore, action: string): Promise<unknown[]> {
  const rows = await store.db.selectFrom('gateway_audit').select('details').where('action', '=', action).orderBy('seq').execute();
  return rows.map((row) => (JSON.parse(row.details) as { code: unknown }).code);
}

/** Shares `payment` from alice's device and expects it stored. */
async function shared(url: string, alice: EnrolledUser, payment: PaymentOrder): Promise<void> {
  const answer = await sharePayment(url, alice, payment);
  expect([answer.status, answer.body]).toEqual([201, { paymentId: payment.id, digest: digestOf(payment).toString('hex'), status: 'pending', approvedBy: [] }]);
}

/** A device of another organisation, elbe, with a user of its own. */
async function otherOrgDevice(store: GatewayStore, url: string) {
  await createOrganisation(store, 'sam', { orgId: 'elbe', name: 'Elbe Logistik AG' });
  await addUser(store, 'sam', { orgId: 'elbe', userId: 'erik', name: 'Erik', roles: ['approver'] });
  const { code } = await createActivationCode(store, 'sam', { orgId: 'elbe', userId: 'erik' });
  return enrol(url, code, 'vault-elbe');
}

describeOnEachStore('approvals between vaults', (stores) => {
  it('maker shares, approver pulls and checks the maker signature offline, approves with a key registered after enrolment: accepted once, exported, in the status feed', async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const users = await enrolledOrg(store, gateway.url);
    const laterKey = softwareKey();
    const registered = await registerCredential(gateway.url, users.bob, laterKey);
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ credentialId: laterKey.id });
    const payment = order();
    await shared(gateway.url, users.alice, payment);

    const feed = await pullPending(gateway.url, users.bob);
    expect(feed.payments).toHaveLength(1);
    const [entry] = feed.payments;
    if (!entry) throw new Error('expected an entry');
    expect(entry).toMatchObject({ payment, digest: digestOf(payment).toString('hex'), status: 'pending' });
    // What the approver's vault does: the certificate by the pinned bank key, then the maker's signature by the certified key.
    const certificate = await verifyDeviceCertificate(entry.makerCertificate, enrolledBankKey(users.bob));
    expect([certificate.userId, certificate.deviceId]).toEqual([payment.createdBy, users.alice.deviceId]);
    expect(ed25519Verify(Buffer.from(certificate.devicePublicKey, 'base64url'), pendingStatement(ORG, entry.payment, entry.status, entry.sequence), Buffer.from(entry.makerSignature, 'base64url'))).toBe(true);

    const accepted = await relayApproval(gateway.url, users.bob, payment, approve(laterKey, payment));
    expect([accepted.status, accepted.body]).toEqual([200, { paymentId: payment.id, digest: digestOf(payment).toString('hex'), status: 'accepted', approvedBy: ['bob'] }]);
    // The same approval again, and a fresh one by carol: the payment stands accepted, nothing more is stored.
    expect((await relayApproval(gateway.url, users.bob, payment, approve(laterKey, payment))).body).toMatchObject({ status: 'accepted' });
    expect((await relayApproval(gateway.url, users.carol, payment, approve(users.carol.hardwareKey, payment))).body).toMatchObject({ status: 'accepted' });
    const rows = await store.db.selectFrom('payments').selectAll().execute();
    expect(rows.map((row) => [row.payment_id, row.device_id, row.status])).toEqual([[payment.id, users.alice.deviceId, 'accepted']]);
    expect((await store.db.selectFrom('pending_payments').select('status').executeTakeFirst())?.status).toBe('accepted');
    const audit = await store.db.selectFrom('gateway_audit').select(['action', 'details']).where('action', 'in', ['payment.share', 'payment.accept', 'credential.register']).orderBy('seq').execute();
    expect(audit.map((row) => row.action)).toEqual(['credential.register', 'payment.share', 'payment.accept']);
    expect(JSON.parse(audit[2]?.details ?? '{}')).toMatchObject({ completedBy: 'relayed-approvals', approvals: [{ userId: 'bob', credentialId: laterKey.id, counted: true }] });

    const statuses = PaymentStatusFeedResponse.parse((await signedGet(gateway.url, '/v1/payment-statuses?after=0', users.carol)).body);
    const reports = await Promise.all(statuses.statuses.map((status) => verifyPaymentStatusReport(status.report, enrolledBankKey(users.carol))));
    expect(reports.map((report) => [report.paymentId, report.status])).toEqual([[payment.id, 'accepted']]);
    const files = await exportPayments(store, 'sam', ORG);
    expect(files.flatMap((file) => file.paymentIds)).toEqual([payment.id]);
  });

  it('a rule needing two approvers: the first relayed approval leaves it pending, the second accepts it; a batch approval counts', async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const users = await enrolledOrg(store, gateway.url);
    const payment = twoApproverOrder();
    const other = twoApproverOrder();
    await shared(gateway.url, users.alice, payment);
    await shared(gateway.url, users.alice, other);
    const batch = approveBatch(users.bob.hardwareKey, [payment, other]);
    const first = await relayApproval(gateway.url, users.bob, payment, batch);
    expect(first.body).toEqual({ paymentId: payment.id, digest: digestOf(payment).toString('hex'), status: 'pending', approvedBy: ['bob'] });
    // The same batch assertion serves the other payment of its batch: its counter was counted once, for the batch.
    expect((await relayApproval(gateway.url, users.bob, other, batch)).body).toMatchObject({ status: 'pending', approvedBy: ['bob'] });
    expect(await store.db.selectFrom('payments').select('payment_id').execute()).toEqual([]);
    const second = await relayApproval(gateway.url, users.carol, payment, approve(users.carol.hardwareKey, payment));
    expect(PendingPaymentAnswer.parse(second.body)).toEqual({ paymentId: payment.id, digest: digestOf(payment).toString('hex'), status: 'accepted', approvedBy: ['bob', 'carol'] });
    const actions = await store.db.selectFrom('gateway_audit').select('action').where('action', 'in', ['payment.approve', 'payment.accept']).orderBy('seq').execute();
    expect(actions.map((row) => row.action)).toEqual(['payment.approve', 'payment.approve', 'payment.accept']);
    expect(await store.db.selectFrom('payment_status_feed').select(['payment_id', 'status']).execute()).toEqual([{ payment_id: payment.id, status: 'accepted' }]);
  });

  it('a payment accepted through POST /v1/payments sets its shared row accepted, and an approval of it answers accepted', async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const users = await enrolledOrg(store, gateway.url);
    const payment = order();
    await shared(gateway.url, users.alice, payment);
    expect((await submitPayment(gateway.url, users.alice, { payment, approvals: [approve(users.bob.hardwareKey, payment)] })).status).toBe(201);
    expect((await store.db.selectFrom('pending_payments').select('status').executeTakeFirst())?.status).toBe('accepted');
    const late = await relayApproval(gateway.url, users.carol, payment, approve(users.carol.hardwareKey, payment));
    expect([late.status, late.body]).toEqual([200, { paymentId: payment.id, digest: digestOf(payment).toString('hex'), status: 'accepted', approvedBy: ['bob'] }]);
    expect(await sharePayment(gateway.url, users.alice, payment)).toMatchObject({ status: 200, body: { status: 'accepted' } });
    expect(await store.db.selectFrom('relayed_approvals').select('user_id').execute()).toEqual([]);
  });

  it('sharing the same digest and status again changes nothing; an edit and a withdrawal are each one feed entry', async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const users = await enrolledOrg(store, gateway.url);
    const payment = order();
    await shared(gateway.url, users.alice, payment);
    expect((await sharePayment(gateway.url, users.alice, payment)).status).toBe(200);
    const edited = { ...payment, amountMinor: payment.amountMinor + 1 };
    expect((await sharePayment(gateway.url, users.alice, edited)).status).toBe(201);
    expect((await sharePayment(gateway.url, users.alice, edited, { status: 'withdrawn' })).body).toMatchObject({ status: 'withdrawn' });
    expect((await sharePayment(gateway.url, users.alice, edited, { status: 'withdrawn' })).status).toBe(200);
    const feed = await pullPending(gateway.url, users.carol);
    expect(feed.payments.map((entry) => [entry.digest, entry.status])).toEqual([
      [digestOf(payment).toString('hex'), 'pending'],
      [digestOf(edited).toString('hex'), 'pending'],
      [digestOf(edited).toString('hex'), 'withdrawn'],
    ]);
    expect(feed.more).toBe(false);
    const page = await pullPending(gateway.url, users.carol, feed.payments[0]?.seq ?? 0);
    expect(page.payments).toHaveLength(2);
    const actions = await store.db.selectFrom('gateway_audit').select('action').where('action', 'in', ['payment.share', 'payment.withdraw']).orderBy('seq').execute();
    expect(actions.map((row) => row.action)).toEqual(['payment.share', 'payment.share', 'payment.withdraw']);
    // The maker shares it as pending again: it re-opens, one more feed entry.
    const revived = await sharePayment(gateway.url, users.alice, edited);
    expect([revived.status, revived.body]).toEqual([201, { paymentId: payment.id, digest: digestOf(edited).toString('hex'), status: 'pending', approvedBy: [] }]);
    expect((await pullPending(gateway.url, users.carol)).payments.map((entry) => entry.status)).toEqual(['pending', 'pending', 'withdrawn', 'pending']);
  });

  it('approvals relayed before a withdrawal or an edit never count again, even when the maker shares the very same order again; an approval of the withdrawn payment is refused', async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const users = await enrolledOrg(store, gateway.url);
    const payment = twoApproverOrder();
    const other = twoApproverOrder();
    await shared(gateway.url, users.alice, payment);
    await shared(gateway.url, users.alice, other);
    // Bob approves with one batch assertion: a replay of it would pass the counter check as "counted for its batch".
    const bobsBatch = approveBatch(users.bob.hardwareKey, [payment, other]);
    expect((await relayApproval(gateway.url, users.bob, payment, bobsBatch)).body).toMatchObject({ status: 'pending', approvedBy: ['bob'] });
    expect((await sharePayment(gateway.url, users.alice, payment, { status: 'withdrawn' })).body).toMatchObject({ status: 'withdrawn', approvedBy: [] });

    const unchanged = await snapshot(store);
    const late = await relayApproval(gateway.url, users.carol, payment, approve(users.carol.hardwareKey, payment));
    expect([late.status, late.code]).toEqual([409, 'SERVER_PAYMENT_WITHDRAWN']);
    expect(await snapshot(store)).toEqual(unchanged);

    // The maker shares the very same order again: bob's approval was given before she withdrew it.
    expect((await sharePayment(gateway.url, users.alice, payment)).body).toMatchObject({ status: 'pending', approvedBy: [] });
    const beforeReplay = await snapshot(store);
    const replayed = await relayApproval(gateway.url, users.bob, payment, bobsBatch);
    expect([replayed.status, replayed.code]).toEqual([409, 'SERVER_STALE_APPROVAL']);
    expect(await snapshot(store)).toEqual(beforeReplay);
    // Carol's approval alone does not meet A+B: bob's earlier one does not count.
    expect((await relayApproval(gateway.url, users.carol, payment, approve(users.carol.hardwareKey, payment))).body).toMatchObject({ status: 'pending', approvedBy: ['carol'] });
    expect(await store.db.selectFrom('payments').select('payment_id').execute()).toEqual([]);

    // An edit and back to exactly this order: carol's approval, relayed before the edit, no longer counts either.
    const edited = { ...payment, remittanceInfo: 'Invoice 4711 corrected' };
    expect((await sharePayment(gateway.url, users.alice, edited)).status).toBe(201);
    expect((await sharePayment(gateway.url, users.alice, payment)).body).toMatchObject({ status: 'pending', approvedBy: [] });
    expect((await relayApproval(gateway.url, users.bob, payment, approve(users.bob.hardwareKey, payment))).body).toMatchObject({ status: 'pending', approvedBy: ['bob'] });
    expect(await store.db.selectFrom('payments').select('payment_id').execute()).toEqual([]);

    // Fresh approvals by both under the current share accept it, with those approvals only; the voided rows stay as evidence.
    const accepted = await relayApproval(gateway.url, users.carol, payment, approve(users.carol.hardwareKey, payment));
    expect(accepted.body).toMatchObject({ status: 'accepted', approvedBy: ['bob', 'carol'] });
    const row = await store.db.selectFrom('payments').select('approvals').where('payment_id', '=', payment.id).executeTakeFirstOrThrow();
    expect((JSON.parse(row.approvals) as { userId: string; batchDigest?: string }[]).map((approval) => [approval.userId, approval.batchDigest])).toEqual([['bob', undefined], ['carol', undefined]]);
    const kept = await store.db.selectFrom('relayed_approvals').select(['user_id', 'share_version']).where('payment_id', '=', payment.id).orderBy('share_version').orderBy('user_id').execute();
    expect(kept.map((approval) => [approval.user_id, Number(approval.share_version)])).toEqual([['bob', 1], ['carol', 3], ['bob', 5], ['carol', 5]]);
    expect(await refusalCodes(store, 'approval.refuse')).toEqual(['SERVER_PAYMENT_WITHDRAWN', 'SERVER_STALE_APPROVAL']);
  });

  it('refuses approvals of a withdrawn payment, of a stale digest, by the maker, by another user\'s key from this device, and a replayed counter; nothing changes', async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const users = await enrolledOrg(store, gateway.url);
    const withdrawn = order();
    await shared(gateway.url, users.alice, withdrawn);
    expect((await sharePayment(gateway.url, users.alice, withdrawn, { status: 'withdrawn' })).status).toBe(201);
    const edited = twoApproverOrder();
    await shared(gateway.url, users.alice, edited);
    const before = { ...edited };
    const after = { ...edited, remittanceInfo: 'Invoice 4711 corrected' };
    expect((await sharePayment(gateway.url, users.alice, after)).status).toBe(201);
    const target = twoApproverOrder();
    await shared(gateway.url, users.alice, target);
    expect((await relayApproval(gateway.url, users.bob, target, approve(users.bob.hardwareKey, target))).body).toMatchObject({ status: 'pending', approvedBy: ['bob'] });
    const unchanged = await snapshot(store);
    const storedCounter = unchanged.counters.find((credential) => credential.id === users.bob.hardwareKey.id)?.sign_count;

    const attempts = [
      await relayApproval(gateway.url, users.bob, withdrawn, approve(users.bob.hardwareKey, withdrawn)),
      // The approver's vault still showed the order before the maker's edit.
      await relayApproval(gateway.url, users.bob, before, approve(users.bob.hardwareKey, before)),
      await relayApproval(gateway.url, users.alice, target, approve(users.alice.hardwareKey, target)),
      // Carol's valid approval, sent from bob's device.
      await relayApproval(gateway.url, users.bob, target, approve(users.carol.hardwareKey, target)),
      // Bob's key signing again with the counter it used for the first approval: a clone or a replay.
      await relayApproval(gateway.url, users.bob, after, approve(users.bob.hardwareKey, after, { counter: storedCounter ?? 0 })),
      // A forged assertion under bob's credential id.
      await relayApproval(gateway.url, users.bob, after, approve(users.bob.hardwareKey, after, { signWith: softwareKey().privateKey })),
      // A batch approval whose batch does not hold this payment.
      await relayApproval(gateway.url, users.bob, after, { ...approveBatch(users.bob.hardwareKey, [target]) }),
    ];
    expect(attempts.map((answer) => [answer.status, answer.code])).toEqual([
      [409, 'SERVER_PAYMENT_WITHDRAWN'],
      [409, 'SERVER_STALE_APPROVAL'],
      [422, 'SERVER_MAKER_APPROVED'],
      [403, 'SERVER_NOT_DEVICE_USER'],
      [422, 'SERVER_CREDENTIAL_CLONED'],
      [422, 'SERVER_BAD_APPROVAL'],
      [422, 'SERVER_NOT_IN_BATCH'],
    ]);
    expect(await snapshot(store)).toEqual(unchanged);
    expect(await refusalCodes(store, 'approval.refuse')).toEqual(attempts.map((answer) => answer.code));
  });

  it("refuses a share whose maker signature is forged, made by another device, over another status or sequence, and a share by a device that is not the maker's", async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const users = await enrolledOrg(store, gateway.url);
    const payment = order();
    const unchanged = await snapshot(store);
    const attempts = [
      await sharePayment(gateway.url, users.alice, payment, { signWith: generateEd25519KeyPair().seed }),
      await sharePayment(gateway.url, users.alice, payment, { signWith: users.bob.key.seed }),
      // Alice's own signature, but of a withdrawal, or of the order before an edit the gateway would show.
      await sharePayment(gateway.url, users.alice, payment, { sequence: 1, signature: makerSignature(users.alice.key.seed, ORG, payment, 'withdrawn', 1) }),
      await sharePayment(gateway.url, users.alice, { ...payment, amountMinor: 1 }, { sequence: 1, signature: makerSignature(users.alice.key.seed, ORG, payment, 'pending', 1) }),
      // Alice's own signature of this very share, but at another sequence than the one sent.
      await sharePayment(gateway.url, users.alice, payment, { sequence: 2, signature: makerSignature(users.alice.key.seed, ORG, payment, 'pending', 1) }),
      // Bob's device shares alice's order, signed by bob's own device key.
      await sharePayment(gateway.url, users.bob, payment),
    ];
    expect(attempts.map((answer) => [answer.status, answer.code])).toEqual([
      [422, 'SERVER_BAD_MAKER_SIGNATURE'],
      [422, 'SERVER_BAD_MAKER_SIGNATURE'],
      [422, 'SERVER_BAD_MAKER_SIGNATURE'],
      [422, 'SERVER_BAD_MAKER_SIGNATURE'],
      [422, 'SERVER_BAD_MAKER_SIGNATURE'],
      [403, 'SERVER_NOT_MAKER'],
    ]);
    expect(await snapshot(store)).toEqual(unchanged);
    expect(await refusalCodes(store, 'payment.share.refuse')).toEqual(attempts.map((answer) => answer.code));
  });

  it('refuses a pending payment id taken by another maker, and another order under an accepted id', async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const users = await enrolledOrg(store, gateway.url);
    await store.db.updateTable('org_users').set({ roles: JSON.stringify(['maker', 'approver']) }).where('user_id', '=', 'carol').execute();
    const payment = order();
    await shared(gateway.url, users.alice, payment);
    const byCarol = await sharePayment(gateway.url, users.carol, { ...payment, createdBy: 'carol' });
    expect([byCarol.status, byCarol.code]).toEqual([409, 'SERVER_PAYMENT_ID_CONFLICT']);
    expect((await relayApproval(gateway.url, users.bob, payment, approve(users.bob.hardwareKey, payment))).body).toMatchObject({ status: 'accepted' });
    const other = await sharePayment(gateway.url, users.alice, { ...payment, remittanceInfo: 'Something else' });
    expect([other.status, other.code]).toEqual([409, 'SERVER_PAYMENT_ID_CONFLICT']);
  });

  it("refuses approvals of a payment whose maker's device the bank revoked since it was shared", async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const users = await enrolledOrg(store, gateway.url);
    const payment = order();
    await shared(gateway.url, users.alice, payment);
    await revokeDevice(store, 'sam', { deviceId: users.alice.deviceId });
    const unchanged = await snapshot(store);
    const answer = await relayApproval(gateway.url, users.bob, payment, approve(users.bob.hardwareKey, payment));
    expect([answer.status, answer.code]).toEqual([409, 'SERVER_PAYMENT_WITHDRAWN']);
    expect(await snapshot(store)).toEqual(unchanged);
  });

  it('a device of another organisation sees none of the feed and cannot approve', async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const users = await enrolledOrg(store, gateway.url);
    const payment = order();
    await shared(gateway.url, users.alice, payment);
    const stranger = await otherOrgDevice(store, gateway.url);
    expect((await pullPending(gateway.url, stranger)).payments).toEqual([]);
    const unchanged = await snapshot(store);
    const answer = await relayApproval(gateway.url, stranger, payment, approve(users.bob.hardwareKey, payment));
    expect([answer.status, answer.code]).toEqual([404, 'SERVER_UNKNOWN_PAYMENT']);
    expect(await snapshot(store)).toEqual(unchanged);
  });

  it('registers a hardware key after enrolment into the next policy version, and refuses a registration bound to another device, and a second registration of a key', async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const users = await enrolledOrg(store, gateway.url);
    const versionBefore = (await store.db.selectFrom('policies').select('version').orderBy('version', 'desc').executeTakeFirstOrThrow()).version;
    const key = softwareKey();
    const answer = await registerCredential(gateway.url, users.carol, key);
    expect([answer.status, answer.body]).toEqual([201, { credentialId: key.id, policyVersion: versionBefore + 1 }]);
    const policy = await signedGet(gateway.url, '/v1/policy', users.carol);
    const payload = JSON.parse(Buffer.from(String((policy.body as { policy: string }).policy.split('.')[1]), 'base64url').toString('utf8')) as { users: { id: string; credentials?: { id: string }[] }[] };
    expect(payload.users.find((user) => user.id === 'carol')?.credentials?.map((credential) => credential.id)).toEqual([users.carol.hardwareKey.id, key.id]);
    const unchanged = await snapshot(store);
    const policies = await store.db.selectFrom('policies').select('version').execute();
    const attempts = [
      // A registration made for dave's device (captured, or replayed), sent from bob's.
      await registerCredential(gateway.url, users.bob, softwareKey(), users.dave),
      // The same key again, from another device of the organisation.
      await registerCredential(gateway.url, users.dave, key),
    ];
    expect(attempts.map((attempt) => [attempt.status, attempt.code])).toEqual([
      [422, 'SERVER_BAD_CREDENTIAL'],
      [409, 'SERVER_CREDENTIAL_IN_USE'],
    ]);
    expect(await snapshot(store)).toEqual(unchanged);
    expect(await store.db.selectFrom('policies').select('version').execute()).toEqual(policies);
    expect(await refusalCodes(store, 'credential.refuse')).toEqual(['SERVER_BAD_CREDENTIAL', 'SERVER_CREDENTIAL_IN_USE']);
  });

  it('two approvers completing the rule at the same moment through two gateway processes: exactly one payment, one accepted report', async () => {
    const store = await stores.fresh();
    const second = await stores.secondProcess(store);
    const one = await startTestGateway(store);
    const two = await startTestGateway(second);
    const users = await enrolledOrg(store, one.url);
    const carolAgain = await enrolUser(store, one.url, 'carol');
    for (let round = 0; round < 4; round += 1) {
      const payment = twoApproverOrder();
      await shared(one.url, users.alice, payment);
      const answers = await Promise.all([
        relayApproval(one.url, users.bob, payment, approve(users.bob.hardwareKey, payment)),
        relayApproval(two.url, carolAgain, payment, approve(carolAgain.hardwareKey, payment)),
      ]);
      expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
      const states = answers.map((answer) => PendingPaymentAnswer.parse(answer.body).status).sort();
      // One saw only its own approval, the other both: never two acceptances, never two pendings.
      expect(states).toEqual(['accepted', 'pending']);
      expect(await store.db.selectFrom('payments').select('payment_id').where('payment_id', '=', payment.id).execute()).toHaveLength(1);
      expect(await store.db.selectFrom('payment_status_feed').select('status').where('payment_id', '=', payment.id).execute()).toEqual([{ status: 'accepted' }]);
      expect(await store.db.selectFrom('gateway_audit').select('seq').where('action', '=', 'payment.accept').execute()).toHaveLength(round + 1);
    }
  });

  it('a relayed approval and a submission completing the same payment at the same moment through two processes: accepted once', async () => {
    const store = await stores.fresh();
    const second = await stores.secondProcess(store);
    const one = await startTestGateway(store);
    const two = await startTestGateway(second);
    const users = await enrolledOrg(store, one.url);
    // Carol's second device and key: the submission's approval is not the relayed one's assertion.
    const carolAgain = await enrolUser(store, one.url, 'carol');
    for (let round = 0; round < 4; round += 1) {
      const payment = twoApproverOrder();
      await shared(one.url, users.alice, payment);
      expect((await relayApproval(one.url, users.bob, payment, approve(users.bob.hardwareKey, payment))).body).toMatchObject({ status: 'pending' });
      const [relayed, submitted] = await Promise.all([
        relayApproval(one.url, users.carol, payment, approve(users.carol.hardwareKey, payment)),
        submitPayment(two.url, users.alice, { payment, approvals: [approve(users.bob.hardwareKey, payment), approve(carolAgain.hardwareKey, payment)] }),
      ]);
      expect([relayed.status, PendingPaymentAnswer.parse(relayed.body).status]).toEqual([200, 'accepted']);
      expect([201, 409]).toContain(submitted.status);
      expect(await store.db.selectFrom('payments').select('payment_id').where('payment_id', '=', payment.id).execute()).toHaveLength(1);
      expect(await store.db.selectFrom('payment_status_feed').select('status').where('payment_id', '=', payment.id).execute()).toEqual([{ status: 'accepted' }]);
      expect((await store.db.selectFrom('pending_payments').select('status').where('payment_id', '=', payment.id).executeTakeFirst())?.status).toBe('accepted');
    }
  });
});

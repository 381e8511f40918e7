import { expect, it } from 'vitest';
import { dispatch } from '../dispatch/dispatch.js';
import { openSession } from '../dispatch/openSession.js';
import { webAuthnStepUp } from '../keys/webAuthnStepUp.js';
import { assertWithKey } from '../../../test/support/softwareAuthenticator.js';
import { describeOnEachStore } from '../../../test/support/gatewayStores.js';
import { approve, digestOf, entriesOf, makerAndTwoApprovers, show, statusOf, submittedPayment, sync } from '../../../test/support/vaultsBetween.js';
import type { UnlockedVault } from '../../vault/index.js';

/** The batch members the approval evidence of payment `id` holds in `vault`. */
function storedBatchOf(vault: UnlockedVault, id: string): { id: string | null; digest: string }[] {
  const inputs = vault.db.prepare('SELECT e.digest_inputs FROM approval_evidence e JOIN approvals a ON a.id = e.approval_id WHERE a.payment_id = ?').pluck().get(id) as string;
  return (JSON.parse(inputs) as { batch: { payments: { id: string | null; digest: string }[] } }).batch.payments;
}

/** The batch members of the one approval `payments.export-approvals` writes for payment `id` in `vault`. */
async function exportedBatchOf(vault: UnlockedVault, id: string): Promise<unknown> {
  const exported = await dispatch(await openSession(vault), 'payments.export-approvals', { id });
  if (!exported.ok) throw new Error(`${exported.error.code}: ${exported.error.message}`);
  const document = JSON.parse(new TextDecoder().decode(exported.value.file.bytes)) as { approvals: { digestInputs: { kind: string; payments?: unknown } }[] };
  expect(document.approvals.map((approval) => approval.digestInputs.kind)).toEqual(['batch']);
  return document.approvals[0]?.digestInputs.payments;
}

describeOnEachStore('coffer sync: a payment that needs two approvers, each in a vault of their own', (stores) => {
  it('A then B, three vaults: the first approval leaves it pending at the bank and reaches the second approver counted, the second accepts it once, and all three vaults hold it accepted with both approvals', async () => {
    const store = await stores.fresh();
    const { maker, bob, carol } = await makerAndTwoApprovers(store);

    // Above the demo's 10,000.00 EUR, the rule asks an A signature (bob) and a B signature (carol).
    const id = await submittedPayment(maker, '25000.00');
    expect((await sync(maker)).shared.shared).toEqual([id]);

    expect((await sync(bob.vault)).received.received).toMatchObject([{ id, change: 'added' }]);
    expect(await approve(bob.vault, bob.key, id)).toMatchObject({ ok: true, value: { status: 'pending_approval', signatureClass: 'A', missing: ['B'] } });
    const bobSent = await sync(bob.vault);
    expect(bobSent.approvals).toEqual({ sent: [{ id, status: 'pending' }], refused: [], pending: 0 });
    expect(bobSent.statuses.recorded).toEqual([]);
    expect(await store.db.selectFrom('payments').select('payment_id').where('payment_id', '=', id).execute()).toEqual([]);
    // The maker learns who approved her pending payment so far, verified in her vault.
    expect((await sync(maker)).relayedApprovals).toEqual({ stored: [{ paymentId: id, userId: 'bob' }], refused: [] });
    expect((await show(maker, id)).approvals).toMatchObject([{ userId: 'bob', signatureClass: 'A', counts: true }]);
    expect(statusOf(maker, id)).toBe('pending_approval');

    const carolReceived = await sync(carol.vault);
    expect(carolReceived.received.received).toMatchObject([{ id, change: 'added' }]);
    // Bob's A reached Carol's vault with the payment, verified there against the bank-signed policy, before she signs.
    expect(carolReceived.relayedApprovals).toEqual({ stored: [{ paymentId: id, userId: 'bob' }], refused: [] });
    const carolSees = await show(carol.vault, id);
    expect(carolSees.approvals).toMatchObject([{ userId: 'bob', signatureClass: 'A', counts: true }]);
    expect(carolSees.approval).toMatchObject({ executable: false, missing: ['B'] });
    expect(entriesOf(carol.vault, 'bank.receive-approval')).toMatchObject([{ outcome: 'allowed', target: id, details: { userId: 'bob', credentialId: bob.key.id, feed: 'pending-payments' } }]);
    // With Bob's A counted here, Carol's B meets the rule in her vault too.
    expect(await approve(carol.vault, carol.key, id)).toMatchObject({ ok: true, value: { status: 'approved', signatureClass: 'B', missing: [] } });
    const carolSent = await sync(carol.vault);
    expect(carolSent.approvals).toEqual({ sent: [{ id, status: 'accepted' }], refused: [], pending: 0 });
    expect(carolSent.statuses.recorded).toEqual([{ id, status: 'accepted' }]);
    for (const vault of [bob.vault, maker]) expect((await sync(vault)).statuses.recorded).toEqual([{ id, status: 'accepted' }]);

    expect(await store.db.selectFrom('payments').select('payment_id').where('payment_id', '=', id).execute()).toHaveLength(1);
    const counted = await store.db.selectFrom('relayed_approvals').select('user_id').where('payment_id', '=', id).orderBy('user_id').execute();
    expect(counted.map((row) => row.user_id)).toEqual(['bob', 'carol']);
    for (const vault of [maker, bob.vault, carol.vault]) {
      expect(statusOf(vault, id)).toBe('accepted');
      expect(entriesOf(vault, 'bank.payment-status').filter((entry) => entry.target === id)).toMatchObject([{ outcome: 'allowed', details: { status: 'accepted' } }]);
    }
    // Every vault lists both approvals, each verified there: the maker's too, which signed neither.
    for (const vault of [maker, bob.vault, carol.vault]) {
      expect((await show(vault, id)).approvals.map(({ userId, signatureClass, counts }) => ({ userId, signatureClass, counts }))).toEqual([
        { userId: 'bob', signatureClass: 'A', counts: true },
        { userId: 'carol', signatureClass: 'B', counts: true },
      ]);
    }
    expect(entriesOf(maker, 'bank.receive-approval').map((entry) => [entry.outcome, entry.details.userId, entry.details.feed])).toEqual([
      ['allowed', 'bob', 'pending-payments'],
      ['allowed', 'carol', 'payment-statuses'],
    ]);
    expect(entriesOf(bob.vault, 'bank.receive-approval').map((entry) => [entry.outcome, entry.details.userId, entry.details.feed])).toEqual([['allowed', 'carol', 'payment-statuses']]);
    // Later syncs accept nothing twice, and take no approval twice.
    for (const vault of [maker, bob.vault, carol.vault]) {
      const later = await sync(vault);
      expect(later.statuses.recorded).toEqual([]);
      expect(later.relayedApprovals).toEqual({ stored: [], refused: [] });
    }
  });

  it("a batch approval by Bob of two payments reaches Carol's vault counted for each, verified against the batch's digests", async () => {
    const store = await stores.fresh();
    const { maker, bob, carol } = await makerAndTwoApprovers(store);
    const ids: [string, string] = [await submittedPayment(maker, '25000.00'), await submittedPayment(maker, '26000.00')];
    await sync(maker);
    await sync(bob.vault);
    const session = await openSession(bob.vault, { stepUp: webAuthnStepUp({ vault: bob.vault }) });
    const options = await dispatch(session, 'payments.approve-batch-options', { ids });
    if (!options.ok) throw new Error(options.error.message);
    const proof = assertWithKey(bob.key, Buffer.from(options.value.options.challenge, 'base64url'));
    expect(await dispatch(session, 'payments.approve-batch', { ids }, { stepUpProof: proof })).toMatchObject({ ok: true });
    // In any order: each payment of the batch is sent on its own.
    const sent = (await sync(bob.vault)).approvals.sent;
    expect(sent).toHaveLength(2);
    expect(sent).toEqual(expect.arrayContaining(ids.map((id) => ({ id, status: 'pending' }))));

    const carolReceived = await sync(carol.vault);
    expect(carolReceived.relayedApprovals.stored).toHaveLength(2);
    expect(carolReceived.relayedApprovals).toEqual({ stored: expect.arrayContaining(ids.map((paymentId) => ({ paymentId, userId: 'bob' }))), refused: [] });
    for (const id of ids) {
      expect((await show(carol.vault, id)).approvals).toMatchObject([{ userId: 'bob', signatureClass: 'A', counts: true }]);
      expect(entriesOf(carol.vault, 'bank.receive-approval').filter((entry) => entry.target === id)).toMatchObject([{ outcome: 'allowed', details: { userId: 'bob', batchSize: 2 } }]);
    }

    // Carol's vault knows the other payment of each approval's batch by its digest only: stored with id null,
    // never a blank id, and so exported; the evidence verifies again whenever it is read.
    const digests = new Map(ids.map((id) => [id, digestOf(carol.vault, id)]));
    const membersSeenFrom = (id: string) => ids.map((member) => ({ id: member === id ? id : null, digest: digests.get(member) })).sort((a, b) => ((a.digest ?? '') < (b.digest ?? '') ? -1 : 1));
    for (const id of ids) {
      expect(storedBatchOf(carol.vault, id)).toEqual(membersSeenFrom(id));
      expect(await exportedBatchOf(carol.vault, id)).toEqual(membersSeenFrom(id));
    }
    // A vault that took such an approval before kept '' for the id it did not know: read as null, counted alike.
    const first = ids[0];
    carol.vault.db.prepare("UPDATE approval_evidence SET digest_inputs = replace(digest_inputs, '\"id\":null', '\"id\":\"\"') WHERE approval_id IN (SELECT id FROM approvals WHERE payment_id = ?)").run(first);
    expect(storedBatchOf(carol.vault, first).map((member) => member.id)).toContain('');
    expect((await show(carol.vault, first)).approvals).toMatchObject([{ userId: 'bob', counts: true }]);
    expect(await exportedBatchOf(carol.vault, first)).toEqual(membersSeenFrom(first));
  });
});

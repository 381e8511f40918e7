import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/contract/index.js';
import { dispatch, openSession, type Session } from '../../src/app/index.js';
import { webAuthnStepUp } from '../../src/app/keys/webAuthnStepUp.js';
import { requirePayment } from '../../src/app/commands/records/paymentRecords.js';
import { paymentDigest } from '../../src/domain/index.js';
import type { UnlockedVault } from '../../src/vault/index.js';
import { addPendingPayments, auditEntries, makeDemoVaults, type DemoVault } from '../fixtures/demo/demoVault.js';
import { batchApprovalProof, enrolKey } from '../support/hardwareKeys.js';
import { startAuthenticatorBrowser, type AuthenticatorBrowser } from '../support/virtualAuthenticator.js';

// Attack: Bob approved a batch with his key. Alice, holding the exported data key, redirects one payment of
// that batch to an account of her own and re-points the approval's stored digest (and then the batch recorded
// with it) so the row claims the payment as it is now. Or she plants Bob's batch approval on a payment that was
// never in the batch. The redirected or planted payment must lose its approval; the others of the batch keep theirs.
let browser: AuthenticatorBrowser;
let vaults: Map<string, DemoVault>;
let bob: UnlockedVault;
let session: Session;
let ids: string[];

beforeAll(async () => {
  browser = await startAuthenticatorBrowser();
  vaults = await makeDemoVaults(['bob'], { asMaker: async (maker) => void (ids = await addPendingPayments(maker, ['410.00', '520.00', '630.00', '740.00', '850.00'].map((amount) => ({ amount })))) });
  bob = (vaults.get('bob') as DemoVault).vault;
  session = await openSession(bob, { stepUp: webAuthnStepUp({ vault: bob }) });
  const key = await browser.newKey();
  await enrolKey(session, key, 'Bob YubiKey');
  const batch = ids.slice(0, 4);
  expect(await dispatch(session, 'payments.approve-batch', { ids: batch }, { stepUpProof: await batchApprovalProof(session, key, batch) })).toMatchObject({ ok: true });
});
afterAll(async () => {
  for (const demo of vaults?.values() ?? []) demo.close();
  await browser?.close();
});

const id = (index: number) => ids[index] as string;
const currentDigest = (paymentId: string) => paymentDigest(requirePayment(bob.db, paymentId).payment).toString('hex');
const evidenceOf = (paymentId: string) =>
  bob.db.prepare('SELECT a.id AS approvalId, e.digest_inputs AS inputs FROM approval_evidence e JOIN approvals a ON a.id = e.approval_id WHERE a.payment_id = ?').get(paymentId) as { approvalId: string; inputs: string };

/** What Alice does with the data key: a new creditor, and Bob's approval row re-pointed at the new digest. */
function redirect(paymentId: string): void {
  bob.db.prepare("UPDATE payments SET creditor_iban = 'NL91ABNA0417164300', creditor_name = 'Mule Account B.V.' WHERE id = ?").run(paymentId);
  bob.db.prepare('UPDATE approvals SET payment_digest = ? WHERE payment_id = ?').run(currentDigest(paymentId), paymentId);
}

async function expectTampered(paymentId: string) {
  const shown = await dispatch(session, 'payments.show', { id: paymentId });
  expect(shown).toMatchObject({ ok: true, value: { approvals: [{ userId: 'bob', counts: false, problem: expect.any(String) }] } });
  expect(auditEntries(bob).at(-1)).toMatchObject({ action: 'approvals.verify', outcome: 'denied', reason: 'APP_APPROVAL_TAMPERED', target: paymentId });
  const exported = await dispatch(session, 'payments.export-approvals', { id: paymentId });
  expect(exported).toMatchObject({ ok: false, error: { code: 'APP_APPROVAL_TAMPERED' } });
  expect(auditEntries(bob).at(-1)).toMatchObject({ action: 'payments.export-approvals', outcome: 'failed', reason: 'APP_APPROVAL_TAMPERED' });
  return shown;
}

async function expectStillCounts(paymentId: string) {
  expect(await dispatch(session, 'payments.show', { id: paymentId })).toMatchObject({ ok: true, value: { approvals: [{ userId: 'bob', counts: true }] } });
}

describe('when one payment of the approved batch is redirected and its approval re-pointed at the new digest', () => {
  it('that approval counts for nothing (the payment as it is now is not in the batch), logged; the others still count', async () => {
    redirect(id(1));
    const shown = await expectTampered(id(1));
    if (shown.ok) expect(shown.value.approvals[0]?.problem).toMatch(/not one of the 4 payments of its batch/);
    for (const other of [id(0), id(2), id(3)]) await expectStillCounts(other);
  });

  it('an untouched payment of the batch still exports its approval, with the whole batch as its digest inputs', async () => {
    const result = await dispatch(session, 'payments.export-approvals', { id: id(0) });
    expect(result).toMatchObject({ ok: true, value: { approvals: 1 } });
    if (!result.ok) return;
    const document = JSON.parse(new TextDecoder().decode(result.value.file.bytes)) as { approvals: { digestInputs: { kind: string; payments: unknown[] } }[] };
    expect(document.approvals[0]?.digestInputs).toMatchObject({ kind: 'batch', payments: expect.any(Array) });
    expect(document.approvals[0]?.digestInputs.payments).toHaveLength(4);
  });
});

describe('when Alice also rewrites the batch recorded with the approval to hold the new digest', () => {
  it('the batch digest changes, so Bob’s signature no longer verifies: still tampering', async () => {
    const { approvalId, inputs } = evidenceOf(id(2));
    redirect(id(2));
    const parsed = JSON.parse(inputs) as { batch: { tag: string; payments: { id: string; digest: string }[] }; payment: unknown };
    const payments = parsed.batch.payments.map((member) => (member.id === id(2) ? { id: id(2), digest: currentDigest(id(2)) } : member)).sort((a, b) => a.digest.localeCompare(b.digest));
    bob.db.prepare('UPDATE approval_evidence SET digest_inputs = ? WHERE approval_id = ?').run(canonicalJson({ ...parsed, batch: { ...parsed.batch, payments } }), approvalId);
    const shown = await expectTampered(id(2));
    if (shown.ok) expect(shown.value.approvals[0]?.problem).toMatch(/does not verify/);
    for (const other of [id(0), id(3)]) await expectStillCounts(other);
  });
});

describe("when Alice plants Bob's batch approval on a payment that was never in the batch", () => {
  it('it counts for nothing and is logged as tampering', async () => {
    const planted = id(4);
    const source = evidenceOf(id(0));
    bob.db
      .prepare("INSERT INTO approvals (id, payment_id, payment_version, user_id, payment_digest, signature_class, created_at) VALUES ('planted', ?, 2, 'bob', ?, 'E', '2026-01-01T00:00:00Z')")
      .run(planted, currentDigest(planted));
    bob.db.prepare("INSERT INTO approval_evidence (approval_id, credential_id, assertion, digest_inputs) SELECT 'planted', credential_id, assertion, digest_inputs FROM approval_evidence WHERE approval_id = ?").run(source.approvalId);
    const shown = await expectTampered(planted);
    expect(shown).toMatchObject({ ok: true, value: { approval: { executable: false } } });
  });
});

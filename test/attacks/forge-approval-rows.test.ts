import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, localAppSession, openSession } from '../../src/app/index.js';
import { paymentDigest, parsePayment } from '../../src/domain/index.js';
import type { UnlockedVault } from '../../src/vault/index.js';
import { auditEntries, makeDemoVaultCopies, storedPayment, type DemoVault } from '../fixtures/demo/demoVault.js';
import { tempDir } from '../support/tempDir.js';

// Attack: Alice, the maker, exports her vault's data key (or opens the file with stock SQLCipher) and writes
// approvals herself, hoping `payments show`, the pain.001 export and the approvals' export count them (issue 12 item 4).
let copies: DemoVault[];
beforeAll(async () => {
  copies = await makeDemoVaultCopies('alice', 3);
});
afterAll(() => {
  for (const copy of copies ?? []) copy.close();
});

function vaultAt(index: number): UnlockedVault {
  return (copies[index] as DemoVault).vault;
}

/** demo-0005 (2,300.00 EUR, pending) as stored, and its digest: what a forged approval must claim. */
function digestOf(vault: UnlockedVault, id: string): string {
  const row = vault.db.prepare('SELECT * FROM payments WHERE id = ?').get(id) as Record<string, unknown>;
  const payment = parsePayment({
    id: row.id,
    debtorIban: 'DE89370400440532013000',
    creditor: { name: row.creditor_name, iban: row.creditor_iban, ...(row.creditor_bic ? { bic: row.creditor_bic } : {}) },
    amountMinor: row.amount_minor,
    currency: row.currency,
    remittanceInfo: row.remittance_info,
    executionDate: row.execution_date,
    expiresAt: row.expires_at,
    status: row.status,
    createdBy: row.created_by,
    createdAt: row.created_at,
    version: row.version,
  });
  return paymentDigest(payment).toString('hex');
}

/** Bob's E approval of demo-0005, written into the file, and the payment marked approved. */
function forgeApproval(vault: UnlockedVault, evidenceFrom?: string): void {
  vault.db.prepare("INSERT INTO approvals (id, payment_id, payment_version, user_id, payment_digest, signature_class, created_at) VALUES ('forged', 'demo-0005', 2, 'bob', ?, 'E', '2025-01-01T00:00:00Z')").run(digestOf(vault, 'demo-0005'));
  if (evidenceFrom !== undefined) {
    vault.db.prepare("INSERT INTO approval_evidence (approval_id, credential_id, assertion, digest_inputs) SELECT 'forged', credential_id, assertion, digest_inputs FROM approval_evidence WHERE approval_id = ?").run(evidenceFrom);
  }
  vault.db.prepare("UPDATE payments SET status = 'approved', version = 3 WHERE id = 'demo-0005'").run();
}

async function expectRefusedEverywhere(vault: UnlockedVault, paymentId: string) {
  const session = await openSession(vault);
  const shown = await dispatch(session, 'payments.show', { id: paymentId });
  expect(shown).toMatchObject({ ok: true, value: { approvals: expect.arrayContaining([expect.objectContaining({ userId: 'bob', counts: false, problem: expect.any(String) })]) } });
  expect(auditEntries(vault).at(-1)).toMatchObject({ action: 'approvals.verify', outcome: 'denied', reason: 'APP_APPROVAL_TAMPERED', target: paymentId });
  // The evidence file for outside verifiers never vouches for the forged row either.
  const evidence = join(tempDir(), 'approvals.json');
  const exportedApprovals = await localAppSession(session).dispatch('payments.export-approvals', { id: paymentId }, { deliverTo: { path: evidence, overwrite: false } });
  expect(exportedApprovals).toMatchObject({ ok: false, error: { code: 'APP_APPROVAL_TAMPERED' } });
  expect(existsSync(evidence)).toBe(false);
  expect(auditEntries(vault).slice(-2)).toMatchObject([
    { action: 'approvals.verify', outcome: 'denied', reason: 'APP_APPROVAL_TAMPERED', target: paymentId },
    { action: 'payments.export-approvals', outcome: 'failed', reason: 'APP_APPROVAL_TAMPERED' },
  ]);
  const out = join(tempDir(), 'to-the-bank.xml');
  const exported = await localAppSession(session).dispatch('payments.export', { format: 'pain.001', currency: 'EUR' }, { deliverTo: { path: out, overwrite: false } });
  expect(exported).toMatchObject({ ok: false, error: { code: 'POLICY_APPROVALS_MISSING' } });
  expect(existsSync(out)).toBe(false);
  const entries = auditEntries(vault);
  expect(entries.some((e) => e.action === 'approvals.verify' && e.reason === 'APP_APPROVAL_TAMPERED' && e.target === paymentId)).toBe(true);
  expect(entries.at(-1)).toMatchObject({ action: 'payments.export', outcome: 'failed', reason: 'POLICY_APPROVALS_MISSING' });
  expect(storedPayment(vault, paymentId)).toMatchObject({ status: 'approved' });
}

describe('when the maker inserts an approval row for a colleague with the right digest but no assertion', () => {
  it('payments show reports it as tampering (counts: false), the export refuses the payment, the log records both', async () => {
    forgeApproval(vaultAt(0));
    await expectRefusedEverywhere(vaultAt(0), 'demo-0005');
  });
});

describe("when the maker gives the forged row another payment's assertion (Bob's real one over demo-0006)", () => {
  it('it does not verify over this payment: counted for nothing, refused, logged', async () => {
    forgeApproval(vaultAt(1), 'demo-0006-approval-1');
    await expectRefusedEverywhere(vaultAt(1), 'demo-0005');
  });
});

describe("when the maker redirects an approved payment to her own IBAN and re-points the stored digest", () => {
  it('the stored assertion no longer verifies: show and export refuse it, and the log records it', async () => {
    const vault = vaultAt(2);
    vault.db.prepare("UPDATE payments SET creditor_iban = 'NL91ABNA0417164300', creditor_name = 'Mule Account B.V.' WHERE id = 'demo-0006'").run();
    vault.db.prepare("UPDATE approvals SET payment_digest = ? WHERE payment_id = 'demo-0006'").run(digestOf(vault, 'demo-0006'));
    await expectRefusedEverywhere(vault, 'demo-0006');
  });
});

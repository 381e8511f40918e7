import type Database from 'better-sqlite3-multiple-ciphers';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { dispatch, openSession } from '../../src/app/index.js';
import { verifyVaultAudit } from '../../src/app/audit/verifyVaultAudit.js';
import { generateJwsKeyPair } from '../../src/crypto/index.js';
import { signPaymentStatusReport } from '../../src/domain/index.js';
import { markPayment, type GatewayStore } from '../../src/server/index.js';
import { unlockVault, type UnlockedVault } from '../../src/vault/index.js';
import { auditEntries } from '../fixtures/demo/demoVault.js';
import { approvedPayment } from '../support/approvedPayment.js';
import { demoBankWithCode, DEMO_ORG_ID } from '../support/enrolledVault.js';
import { startTestGateway } from '../support/gatewayClient.js';
import { describeOnEachStore } from '../support/gatewayStores.js';
import { openAsPlainSqlCipher4 } from '../support/sqlcipher.js';
import { tempDir } from '../support/tempDir.js';
import { TEST_PASSWORD } from '../support/testVault.js';

// Attack (issue 13 item 4): the bank rejected Alice's payment (AM04, insufficient funds) and her vault recorded
// the bank's signed report. With the vault's data key (coffer vault export-key, then stock SQLCipher) she edits
// the stored status to `executed` — to show her manager a payment that "went out" — alone, together with the
// stored report's columns, with the report swapped for one of her own signing, or with the reports deleted.
// Reads must show it as tampered and never as executed; `audit verify` must report the edited records.
const open: UnlockedVault[] = [];
afterEach(() => {
  for (const vault of open.splice(0)) vault.lock();
});

/** Alice's vault after the bank rejected her payment, locked, with her exported data key. */
async function rejectedPayment(store: GatewayStore) {
  await demoBankWithCode(store, 'erin');
  const gateway = await startTestGateway(store);
  const { vault, id } = await approvedPayment(store, gateway.url, gateway.url, open);
  expect(await dispatch(await openSession(vault), 'bank.sync', {})).toMatchObject({ ok: true, value: { payments: { accepted: [id] } } });
  await markPayment(store, 'sam', { orgId: DEMO_ORG_ID, paymentId: id, status: 'rejected', reason: 'AM04' });
  expect(await dispatch(await openSession(vault), 'bank.sync', {})).toMatchObject({ ok: true, value: { statuses: { recorded: [{ id, status: 'rejected' }] } } });
  const keyHex = vault.withDataKey((key) => key.toString('hex'));
  const dir = vault.paths.dir;
  vault.lock();
  return { dir, id, keyHex };
}

/** A copy of the locked vault, edited with stock SQLCipher and the exported key, then unlocked by its password. */
async function editedCopy(original: { dir: string; keyHex: string }, edit: (db: Database.Database) => void): Promise<UnlockedVault> {
  const dir = join(tempDir(), 'edited');
  cpSync(original.dir, dir, { recursive: true });
  const db = openAsPlainSqlCipher4(join(dir, 'vault.db'), original.keyHex);
  edit(db);
  db.close();
  const vault = await unlockVault(dir, { password: TEST_PASSWORD }, { autoLockMs: null });
  open.push(vault);
  return vault;
}

async function expectCaught(vault: UnlockedVault, id: string): Promise<void> {
  const session = await openSession(vault);
  const shown = await dispatch(session, 'payments.show', { id });
  if (!shown.ok) throw new Error(shown.error.message);
  expect(shown.value.payment.status).not.toBe('executed');
  expect(shown.value.bank).toMatchObject({ state: 'tampered' });
  expect(auditEntries(vault).at(-1)).toMatchObject({ action: 'payments.verify-status', outcome: 'denied', reason: 'APP_PAYMENT_STATUS_TAMPERED', target: id });
  const listed = await dispatch(session, 'payments.list', {});
  if (!listed.ok) throw new Error(listed.error.message);
  expect(listed.value.payments.find((payment) => payment.id === id)).toMatchObject({ status: 'submitted', bank: { state: 'tampered' } });
  const executed = await dispatch(session, 'payments.list', { status: 'executed' });
  if (!executed.ok) throw new Error(executed.error.message);
  expect(executed.value.payments.map((payment) => payment.status)).not.toContain('executed');
  await expect(verifyVaultAudit(vault)).rejects.toMatchObject({ code: expect.stringMatching(/^AUDIT_RECORD_(ALTERED|MISSING)$/) as unknown });
}

describeOnEachStore('a maker who turns the bank’s rejection of her payment into an execution', (stores) => {
  it('edits the status, the report’s columns, the report itself, or deletes the reports: never shown as executed, and audit verify reports it', async () => {
    const store = await stores.fresh();
    const original = await rejectedPayment(store);
    const { id } = original;

    const statusOnly = await editedCopy(original, (db) => db.prepare("UPDATE payments SET status = 'executed' WHERE id = ?").run(id));
    await expectCaught(statusOnly, id);

    const withColumns = await editedCopy(original, (db) => {
      db.prepare("UPDATE payments SET status = 'executed' WHERE id = ?").run(id);
      db.prepare("UPDATE payment_status_reports SET status = 'executed', reason = NULL WHERE payment_id = ? AND status = 'rejected'").run(id);
    });
    await expectCaught(withColumns, id);

    // Her own signing key cannot speak for the bank: a report of execution for the same payment and digest.
    const plain = openAsPlainSqlCipher4(join(original.dir, 'vault.db'), original.keyHex);
    const digest = plain.prepare('SELECT digest FROM payment_status_reports WHERE payment_id = ?').pluck().get(id) as string;
    plain.close();
    const forged = await signPaymentStatusReport({ orgId: DEMO_ORG_ID, paymentId: id, digest, status: 'executed', at: new Date().toISOString() }, generateJwsKeyPair('EdDSA').signingKey);
    const ownReport = await editedCopy(original, (db) => {
      db.prepare("UPDATE payments SET status = 'executed' WHERE id = ?").run(id);
      db.prepare("UPDATE payment_status_reports SET status = 'executed', reason = NULL, report = ? WHERE payment_id = ? AND status = 'rejected'").run(forged, id);
    });
    await expectCaught(ownReport, id);

    const deleted = await editedCopy(original, (db) => {
      db.prepare("UPDATE payments SET status = 'executed' WHERE id = ?").run(id);
      db.prepare('DELETE FROM payment_status_reports WHERE payment_id = ?').run(id);
    });
    await expectCaught(deleted, id);
  });
});

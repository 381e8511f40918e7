import type Database from 'better-sqlite3-multiple-ciphers';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch, openSession } from '../../src/app/index.js';
import { verifyVaultAudit } from '../../src/app/audit/verifyVaultAudit.js';
import { unlockVault } from '../../src/vault/index.js';
import { makeDemoVault } from '../fixtures/demo/demoVault.js';
import { openAsPlainSqlCipher4 } from '../support/sqlcipher.js';
import { TEST_PASSWORD } from '../support/testVault.js';

// Attack (outside attack run, issue 9): with the exported data key, the vault's own user edits the banking
// tables directly — an amount, a balance, a payee slipped in, a payment deleted — or cuts the log back to an
// older checkpoint while the records its later entries produced stay. The log must cover the data.
let opened: { close(): void }[] = [];
afterEach(() => {
  for (const vault of opened) vault.close();
  opened = [];
});

/** Dave, the auditor, whose vault is edited behind the app's back while it is locked. */
async function tamperedVault(edit: (db: Database.Database) => void) {
  const demo = await makeDemoVault('dave');
  const keyHex = demo.vault.withDataKey((key) => key.toString('hex'));
  demo.vault.lock();
  const db = openAsPlainSqlCipher4(join(demo.dir, 'vault.db'), keyHex);
  edit(db);
  db.close();
  const vault = await unlockVault(demo.dir, { password: TEST_PASSWORD }, { autoLockMs: null });
  opened.push({ close: () => (vault.lock(), demo.close()) });
  return vault;
}

const verify = async (vault: Awaited<ReturnType<typeof tamperedVault>>) => dispatch(await openSession(vault), 'audit.verify', {});

describe('when nothing was edited', () => {
  it('verifies every record of the seeded vault against the log', async () => {
    const vault = await tamperedVault(() => undefined);
    const result = await verify(vault);
    expect(result).toMatchObject({ ok: true, value: { verified: true } });
    if (result.ok) expect(result.value.records).toBeGreaterThan(50);
  });
});

describe('when the user edits a record directly', () => {
  for (const [label, edit, code, names] of [
    ['raises the amount of a pending payment', "UPDATE payments SET amount_minor = 98000000 WHERE id = 'demo-0004'", 'AUDIT_RECORD_ALTERED', /payments demo-0004/],
    ['raises an account balance', "UPDATE accounts SET balance_minor = balance_minor + 100000000 WHERE id = 'account-eur'", 'AUDIT_RECORD_ALTERED', /accounts account-eur/],
    ['slips in a payee', "INSERT INTO payees (id, organisation_id, name, iban, bic, created_at) VALUES ('mule', 'demo-nordlicht', 'Mule B.V.', 'NL91ABNA0417164300', NULL, '2026-01-01T00:00:00.000Z')", 'AUDIT_RECORD_UNSEALED', /payees mule/],
    ['turns the bank’s no match for a payee into a match', "UPDATE payee_checks SET result = 'match' WHERE id = 'demo-check-payee-iberica'", 'AUDIT_RECORD_ALTERED', /payee_checks demo-check-payee-iberica/],
    ['deletes the bank’s no match, so the payee shows as not checked', "DELETE FROM payee_checks WHERE id = 'demo-check-payee-iberica'; DELETE FROM record_seals WHERE tbl = 'payee_checks' AND id = 'demo-check-payee-iberica'", 'AUDIT_RECORD_MISSING', /payee_checks demo-check-payee-iberica/],
    ['deletes a payment and its seal', "DELETE FROM payments WHERE id = 'demo-0012'; DELETE FROM record_seals WHERE tbl = 'payments' AND id = 'demo-0012'", 'AUDIT_RECORD_MISSING', /payments demo-0012/],
    ['deletes one booking of an imported batch', "DELETE FROM statement_transactions WHERE rowid = (SELECT min(rowid) FROM statement_transactions)", 'AUDIT_RECORD_MISSING', /statement_transactions/],
  ] as const) {
    it(`${label}: audit verify fails with ${code} naming the record`, async () => {
      const vault = await tamperedVault((db) => db.exec(edit));
      const result = await verify(vault);
      expect(result).toMatchObject({ ok: false, error: { code } });
      if (!result.ok) expect(result.error.message).toMatch(names);
    });
  }

  it('re-sealing the edit by hand does not help: the entry still holds the old digest', async () => {
    const vault = await tamperedVault((db) => {
      db.exec("UPDATE payments SET creditor_iban = 'NL91ABNA0417164300' WHERE id = 'demo-0006'");
      db.exec("UPDATE record_seals SET digest = zeroblob(32) WHERE tbl = 'payments' AND id = 'demo-0006'");
    });
    expect(await verify(vault)).toMatchObject({ ok: false, error: { code: 'AUDIT_RECORD_ALTERED' } });
  });
});

describe('when the user cuts the log back to an older checkpoint and keeps the records', () => {
  it('is caught: the payment the cut entry produced has no entry left (AUDIT_RECORD_UNSEALED)', async () => {
    const alice = await makeDemoVault('alice');
    opened.push(alice);
    const { vault } = alice;
    vault.audit.checkpoint();
    const cutAt = vault.audit.size;
    const created = await dispatch(await openSession(vault), 'payments.create', { from: 'DE89370400440532013000', toName: 'Cut Back GmbH', toIban: 'FR1420041010050500013M02606', amount: '9.99', currency: 'EUR' });
    expect(created).toMatchObject({ ok: true });
    // What an attacker with the data key does: entries, later checkpoints and nodes beyond the old size go;
    // the older checkpoint still verifies, and nothing is re-signed.
    vault.db.prepare('DELETE FROM audit_entries WHERE seq >= ?').run(cutAt);
    vault.db.prepare('DELETE FROM audit_checkpoints WHERE size > ?').run(cutAt);
    vault.db.prepare('DELETE FROM audit_nodes WHERE (idx + 1) * (1 << level) > ?').run(cutAt);
    await expect(verifyVaultAudit(vault)).rejects.toThrow(/payments [0-9a-f]{32}: expected the audit entry that produced it, found none/);
  });
});

describe('once the log failed verification', () => {
  it('refuses changes with VAULT_LOG_FAILED, still reads, and still exports the evidence', async () => {
    const vault = await tamperedVault((db) => db.exec("UPDATE payments SET amount_minor = 1 WHERE id = 'demo-0001'"));
    const session = await openSession(vault);
    expect(await dispatch(session, 'audit.verify', {})).toMatchObject({ ok: false });
    expect(await dispatch(session, 'accounts.list', {})).toMatchObject({ ok: true });
    expect(await dispatch(session, 'audit.export', {})).toMatchObject({ ok: true });
    const refused = await dispatch(session, 'settings.show', {});
    expect(refused).toMatchObject({ ok: true });
    const change = await dispatch(session, 'vault.recovery-code', {});
    expect(change).toMatchObject({ ok: false, error: { code: 'VAULT_LOG_FAILED', message: expect.stringMatching(/coffer audit export/) as unknown } });
  });
});

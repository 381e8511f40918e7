import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { appendLeafNodesBatch, encodeAuditEntry, hashLeaf, MemoryMerkleStore, parseAuditEntry, rootAt, signCheckpoint } from '../../src/audit/index.js';
import { dispatch, openSession } from '../../src/app/index.js';
import { verifyVaultAudit } from '../../src/app/audit/verifyVaultAudit.js';
import { readAuditEntries, unlockVault, type UnlockedVault } from '../../src/vault/index.js';
import { auditEntries } from '../fixtures/demo/demoVault.js';
import { demoBankWithCode, enrolFreshVault } from '../support/enrolledVault.js';
import { startTestGateway } from '../support/gatewayClient.js';
import { describeOnEachStore } from '../support/gatewayStores.js';
import { tempDir } from '../support/tempDir.js';
import { TEST_PASSWORD } from '../support/testVault.js';

/*
 * Alice holds her vault's data key, hence its device key. She rewrites one old entry of her log and re-signs
 * the whole history (tree nodes recomputed, checkpoints re-signed, the witness's cosignatures dropped), so that
 * her own `audit verify` passes; or she puts back an older copy of both vault files. Her next sync must not go
 * ahead as if nothing happened.
 */
const open: UnlockedVault[] = [];
afterEach(() => {
  for (const vault of open.splice(0)) if (!vault.isLocked) vault.lock();
});

function grow(vault: UnlockedVault, count: number): void {
  vault.record(Array.from({ length: count }, (_, n) => ({ action: 'test.activity', outcome: 'allowed' as const, target: `step-${n}` })));
}

/** Her rewrite, as she would do it with stock SQLCipher and the device key from the vault's own table. */
function rewriteHistory(vault: UnlockedVault): void {
  const { db } = vault;
  const rows = [...readAuditEntries(db)];
  // An entry that sealed no records, so the record seals still match after the rewrite.
  const victim = rows.find((row) => row.seq > 0 && parseAuditEntry(row.data).details.records === undefined);
  if (victim === undefined) throw new Error('expected an entry without records');
  const forged = encodeAuditEntry({ ...parseAuditEntry(victim.data), action: 'test.never-happened' });
  const leaves = rows.map((row) => hashLeaf(row.seq === victim.seq ? forged : row.data));
  const tree = new MemoryMerkleStore();
  for (const leaf of leaves) tree.appendLeafHash(leaf);
  db.transaction(() => {
    db.prepare('UPDATE audit_entries SET data = ? WHERE seq = ?').run(forged, victim.seq);
    db.prepare('DELETE FROM audit_nodes').run();
    const insert = db.prepare('INSERT INTO audit_nodes (level, idx, hash) VALUES (?, ?, ?)');
    for (const node of appendLeafNodesBatch(new MemoryMerkleStore(), 0, leaves)) if (node.level > 0) insert.run(node.level, node.index, node.hash);
    db.prepare('DELETE FROM audit_checkpoints').run();
    const { origin, signer } = vault.audit.identity;
    db.prepare('INSERT INTO audit_checkpoints (size, note, created_at) VALUES (?, ?, ?)').run(tree.size, signCheckpoint({ origin, size: tree.size, rootHash: rootAt(tree, tree.size) }, signer), new Date().toISOString());
    db.prepare('DELETE FROM witness_cosignatures').run();
  })();
}

describeOnEachStore('the vault user rewrites or rolls back her log between syncs', (stores) => {
  it('a re-signed history that passes her own audit verify is caught at the next sync: refused, recorded, and the vault takes no changes', async () => {
    const store = await stores.fresh();
    const { code } = await demoBankWithCode(store, 'alice');
    const gateway = await startTestGateway(store);
    const { vault } = await enrolFreshVault(gateway.url, code);
    open.push(vault);
    expect(await dispatch(await openSession(vault), 'bank.sync', {})).toMatchObject({ ok: true });
    grow(vault, 4);
    // Before the rewrite, her log holds what the witness cosigned: audit verify says so.
    const before = await verifyVaultAudit(vault);
    expect(before.witnessedSize).toBeGreaterThan(0);

    rewriteHistory(vault);
    expect(await verifyVaultAudit(vault)).toMatchObject({ verified: true, witnessedSize: 0 });
    const sync = await dispatch(await openSession(vault), 'bank.sync', {});
    expect(sync).toMatchObject({ ok: false, error: { code: 'SERVER_WITNESS_INCONSISTENT' } });
    expect(auditEntries(vault).filter((entry) => entry.action === 'bank.witness').at(-1)).toMatchObject({ outcome: 'denied', reason: 'SERVER_WITNESS_INCONSISTENT' });
    const payment = await dispatch(await openSession(vault), 'payments.create', { from: 'DE89370400440532013000', toName: 'Boulangerie Éclair SARL', toIban: 'FR1420041010050500013M02606', amount: '5.00', currency: 'EUR' });
    expect(payment).toMatchObject({ ok: false, error: { code: 'VAULT_LOG_FAILED' } });
    expect(await store.db.selectFrom('witness_alerts').select('reason').execute()).toEqual([{ reason: 'inconsistent' }]);
  });

  it('an edit below the witnessed size is caught by audit verify even offline: the cosigned root no longer matches', async () => {
    const store = await stores.fresh();
    const { code } = await demoBankWithCode(store, 'erin');
    const gateway = await startTestGateway(store);
    const { vault } = await enrolFreshVault(gateway.url, code);
    open.push(vault);
    expect(await dispatch(await openSession(vault), 'bank.sync', {})).toMatchObject({ ok: true });
    const cosignatures = vault.db.prepare('SELECT size, checkpoint FROM witness_cosignatures').all();
    rewriteHistory(vault);
    // She keeps the cosignatures (or brings them back): they no longer fit her log.
    const put = vault.db.prepare('INSERT INTO witness_cosignatures (size, checkpoint, received_at) VALUES (@size, @checkpoint, \'now\')');
    for (const row of cosignatures) put.run(row);
    await expect(verifyVaultAudit(vault)).toThrowCode('AUDIT_ROOT_MISMATCH');
  });

  it('an older copy of both vault files put back is caught at the next sync with APP_LOG_ROLLED_BACK, recorded', async () => {
    const store = await stores.fresh();
    const { code } = await demoBankWithCode(store, 'erin');
    const gateway = await startTestGateway(store);
    const { dir, vault } = await enrolFreshVault(gateway.url, code);
    expect(await dispatch(await openSession(vault), 'bank.sync', {})).toMatchObject({ ok: true });
    vault.lock();
    const copy = join(tempDir(), 'copy');
    cpSync(dir, copy, { recursive: true });

    const later = await unlockVault(dir, { password: TEST_PASSWORD }, { autoLockMs: null });
    open.push(later);
    grow(later, 20);
    expect(await dispatch(await openSession(later), 'bank.sync', {})).toMatchObject({ ok: true });
    later.lock();

    const restored = await unlockVault(copy, { password: TEST_PASSWORD }, { autoLockMs: null });
    open.push(restored);
    const sync = await dispatch(await openSession(restored), 'bank.sync', {});
    expect(sync).toMatchObject({ ok: false, error: { code: 'APP_LOG_ROLLED_BACK' } });
    expect(auditEntries(restored).filter((entry) => entry.action === 'bank.witness').at(-1)).toMatchObject({ outcome: 'denied', reason: 'APP_LOG_ROLLED_BACK' });
  });
});

import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { auditOrigin, consistencyProof, encodeAuditEntry, hashLeaf, MemoryMerkleStore, parseAuditEntry, rootAt, signCheckpoint } from '../../src/audit/index.js';
import { verifyGatewayAudit } from '../../src/server/index.js';
import { readAuditEntries, unlockVault } from '../../src/vault/index.js';
import { describeOnEachStore } from '../support/gatewayStores.js';
import { orgWithCode, startTestGateway } from '../support/gatewayClient.js';
import { tempDir } from '../support/tempDir.js';
import { TEST_PASSWORD } from '../support/testVault.js';
import { addCheckpoint, enrolVault, grow } from '../support/witnessDevice.js';

/*
 * The vault's own user holds the data key, hence the device's checkpoint key: she can rewrite her log and
 * re-sign every checkpoint, or put back an older copy of both vault files. Nothing on the laptop can tell.
 * The bank's witness can: it cosigned a size and root, and only a log that extends them is cosigned again.
 */
describeOnEachStore('the vault user rewrites her audit log with the device key', (stores) => {
  it('a re-signed history that differs in one old entry is refused at the next witness request, and the bank is alerted', async () => {
    const store = await stores.fresh();
    await orgWithCode(store);
    const gateway = await startTestGateway(store);
    const device = await enrolVault(store, gateway);
    const witnessed = grow(device.vault, 6);
    expect((await addCheckpoint(gateway.url, device, 0, [], witnessed.checkpoint)).status).toBe(200);

    // Her rewrite: entry 2 says something else, the rest is kept, two more entries follow, all re-signed.
    const entries = [...readAuditEntries(device.vault.db)].map((row) => row.data);
    const forged = parseAuditEntry(entries[2] as Buffer);
    entries[2] = encodeAuditEntry({ ...forged, action: 'test.never-happened' });
    const rewritten = new MemoryMerkleStore();
    for (const entry of [...entries, ...entries.slice(0, 2)]) rewritten.appendLeafHash(hashLeaf(entry));
    const origin = auditOrigin(device.vault.vaultId);
    const resigned = signCheckpoint({ origin, size: rewritten.size, rootHash: rootAt(rewritten, rewritten.size) }, { name: origin, seed: device.seed });
    const answer = await addCheckpoint(gateway.url, device, witnessed.size, consistencyProof(rewritten, witnessed.size, rewritten.size), resigned);

    expect([answer.status, answer.code]).toEqual([422, 'SERVER_WITNESS_INCONSISTENT']);
    const alerts = await store.db.selectFrom('witness_alerts').selectAll().execute();
    expect(alerts.map((alert) => [alert.device_id, alert.reason, alert.known_size, alert.submitted_size])).toEqual([[device.deviceId, 'inconsistent', witnessed.size, rewritten.size]]);
    const audit = await store.db.selectFrom('gateway_audit').select(['action', 'actor']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(audit).toEqual({ action: 'witness.alert', actor: `device:${device.deviceId}` });
    await verifyGatewayAudit(store.db);
    // The witness still stands by what it cosigned.
    expect(await store.db.selectFrom('witness_logs').select('size').executeTakeFirstOrThrow()).toEqual({ size: witnessed.size });
  });

  it('an older copy of both vault files put back: the witness knows a larger log, and says so; naming that size alerts the bank', async () => {
    const store = await stores.fresh();
    await orgWithCode(store);
    const gateway = await startTestGateway(store);
    const device = await enrolVault(store, gateway);
    const early = grow(device.vault, 3);
    expect((await addCheckpoint(gateway.url, device, 0, [], early.checkpoint)).status).toBe(200);
    const copy = join(tempDir(), 'copy');
    device.vault.lock();
    cpSync(device.dir, copy, { recursive: true });

    const vault = await unlockVault(device.dir, { password: TEST_PASSWORD }, { autoLockMs: null });
    const late = grow(vault, 5);
    expect((await addCheckpoint(gateway.url, device, early.size, vault.audit.consistencyProof(early.size, late.size), late.checkpoint)).status).toBe(200);
    vault.lock();

    // The copy, unlocked, knows only what it had: it asks the witness from the size it last saw cosigned.
    const restored = await unlockVault(copy, { password: TEST_PASSWORD }, { autoLockMs: null });
    const after = grow(restored, 1);
    const stale = await addCheckpoint(gateway.url, device, early.size, restored.audit.consistencyProof(early.size, after.size), after.checkpoint);
    expect([stale.status, stale.text]).toEqual([409, `${late.size}\n`]);
    expect(after.size).toBeLessThan(late.size);
    // Told the size, it cannot prove a smaller log extends it; claiming it anyway is a rollback on record.
    const claimed = await addCheckpoint(gateway.url, device, late.size, [], after.checkpoint);
    expect([claimed.status, claimed.code]).toEqual([400, 'SERVER_BAD_REQUEST']);
    const alerts = await store.db.selectFrom('witness_alerts').select(['reason', 'known_size', 'submitted_size']).execute();
    expect(alerts).toEqual([{ reason: 'rolled-back', known_size: late.size, submitted_size: after.size }]);
  });
});

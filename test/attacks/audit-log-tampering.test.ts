import { describe, expect, it } from 'vitest';
import { hashLeaf, MemoryMerkleStore } from '../../src/audit/index.js';
import { makeAuditedVault, tamper, verifyAudit } from '../support/auditedVault.js';

/** A thorough attacker recomputes every stored tree node from the edited entries (only the signatures stay). */
function rebuildTreeNodes(db: import('better-sqlite3-multiple-ciphers').Database) {
  const store = new MemoryMerkleStore();
  const rows = db.prepare('SELECT data FROM audit_entries ORDER BY seq').all() as { data: Buffer }[];
  store.appendLeafHashes(rows.map((row) => hashLeaf(row.data)));
  db.prepare('DELETE FROM audit_nodes').run();
  const insert = db.prepare('INSERT INTO audit_nodes (level, idx, hash) VALUES (?, ?, ?)');
  for (let level = 1, width = 2; width <= store.size; level++, width *= 2) {
    for (let idx = 0; idx < Math.floor(store.size / width); idx++) insert.run(level, idx, store.node(level, idx));
  }
}

/** Rewrites entry `seq` with `change` applied to its JSON text (keeping it valid canonical JSON). */
function editEntry(seq: number, change: (json: string) => string) {
  return (db: import('better-sqlite3-multiple-ciphers').Database) => {
    const row = db.prepare('SELECT data FROM audit_entries WHERE seq = ?').get(seq) as { data: Buffer };
    db.prepare('UPDATE audit_entries SET data = ? WHERE seq = ?').run(Buffer.from(change(row.data.toString('utf8'))), seq);
  };
}

describe('the untouched log', () => {
  it('verifies, with its size and checkpoints', async () => {
    const { dir } = await makeAuditedVault();
    const result = await verifyAudit(dir);
    expect(result.size).toBeGreaterThan(40);
    expect(result.checkpoints).toBeGreaterThanOrEqual(4);
  });
});

describe('an attacker with the data key edits the log rows directly', () => {
  it('flipping one byte of an entry is caught with AUDIT_ROOT_MISMATCH', async () => {
    const { dir, keyHex } = await makeAuditedVault();
    tamper(dir, keyHex, (db) => {
      const row = db.prepare('SELECT data FROM audit_entries WHERE seq = 10').get() as { data: Buffer };
      const at = row.data.indexOf('settings.write') + 1;
      row.data[at] = (row.data[at] ?? 0) ^ 0x01; // 'e' → 'd': still valid canonical JSON, another action
      db.prepare('UPDATE audit_entries SET data = ? WHERE seq = 10').run(row.data);
    });
    await expect(() => verifyAudit(dir)).toThrowCode('AUDIT_ROOT_MISMATCH');
  });

  it('rewriting what an entry says (a denial turned into an allow) is caught with AUDIT_ROOT_MISMATCH', async () => {
    const { dir, keyHex } = await makeAuditedVault();
    tamper(dir, keyHex, editEntry(12, (json) => json.replace('key-', 'kez-')));
    await expect(() => verifyAudit(dir)).toThrowCode('AUDIT_ROOT_MISMATCH');
  });

  it('deleting an entry is caught with AUDIT_OUT_OF_ORDER', async () => {
    const { dir, keyHex } = await makeAuditedVault();
    tamper(dir, keyHex, (db) => db.prepare('DELETE FROM audit_entries WHERE seq = 7').run());
    await expect(() => verifyAudit(dir)).toThrowCode('AUDIT_OUT_OF_ORDER');
  });

  it('deleting the last k entries (and their nodes) is caught with AUDIT_TRUNCATED', async () => {
    const { dir, keyHex } = await makeAuditedVault();
    tamper(dir, keyHex, (db) => {
      const size = (db.prepare('SELECT max(seq) + 1 AS n FROM audit_entries').get() as { n: number }).n;
      db.prepare('DELETE FROM audit_entries WHERE seq >= ?').run(size - 5);
      db.prepare('DELETE FROM audit_nodes WHERE (idx + 1) * (1 << level) > ?').run(size - 5);
    });
    await expect(() => verifyAudit(dir)).toThrowCode('AUDIT_TRUNCATED');
  });

  it('reordering two entries is caught with AUDIT_BAD_ENTRY (an entry names its own position)', async () => {
    const { dir, keyHex } = await makeAuditedVault();
    tamper(dir, keyHex, (db) => {
      const a = db.prepare('SELECT data FROM audit_entries WHERE seq = 5').get() as { data: Buffer };
      const b = db.prepare('SELECT data FROM audit_entries WHERE seq = 6').get() as { data: Buffer };
      db.prepare('UPDATE audit_entries SET data = ? WHERE seq = 5').run(b.data);
      db.prepare('UPDATE audit_entries SET data = ? WHERE seq = 6').run(a.data);
    });
    await expect(() => verifyAudit(dir)).toThrowCode('AUDIT_BAD_ENTRY');
  });

  it('inserting a forged entry in the middle (renumbering the rest) is caught with AUDIT_ROOT_MISMATCH', async () => {
    const { dir, keyHex } = await makeAuditedVault();
    tamper(dir, keyHex, (db) => {
      const rows = db.prepare('SELECT seq, data FROM audit_entries WHERE seq >= 8 ORDER BY seq DESC').all() as { seq: number; data: Buffer }[];
      for (const row of rows) {
        const shifted = row.data.toString('utf8').replace(`"seq":${row.seq},`, `"seq":${row.seq + 1},`);
        db.prepare('UPDATE audit_entries SET seq = ?, data = ? WHERE seq = ?').run(row.seq + 1, Buffer.from(shifted), row.seq);
      }
      const template = (db.prepare('SELECT data FROM audit_entries WHERE seq = 7').get() as { data: Buffer }).data.toString('utf8');
      const forged = template.replace('"seq":7,', '"seq":8,').replace(/"target":"[^"]*"/, '"target":"forged"');
      db.prepare('INSERT INTO audit_entries (seq, data) VALUES (8, ?)').run(Buffer.from(forged));
      rebuildTreeNodes(db);
    });
    await expect(() => verifyAudit(dir)).toThrowCode('AUDIT_ROOT_MISMATCH');
  });

  it('replacing a checkpoint signature is caught with AUDIT_BAD_SIGNATURE', async () => {
    const { dir, keyHex } = await makeAuditedVault();
    tamper(dir, keyHex, (db) => {
      const row = db.prepare('SELECT size, note FROM audit_checkpoints ORDER BY size LIMIT 1 OFFSET 1').get() as { size: number; note: string };
      const lines = row.note.split('\n');
      const sigLine = lines.findIndex((line) => line.startsWith('— '));
      const parts = (lines[sigLine] ?? '').split(' ');
      const sig = Buffer.from(parts[2] ?? '', 'base64');
      sig[10] = (sig[10] ?? 0) ^ 0xff;
      parts[2] = sig.toString('base64');
      lines[sigLine] = parts.join(' ');
      db.prepare('UPDATE audit_checkpoints SET note = ? WHERE size = ?').run(lines.join('\n'), row.size);
    });
    await expect(() => verifyAudit(dir)).toThrowCode('AUDIT_BAD_SIGNATURE');
  });

  it('editing a stored tree node (which proofs are served from) is caught with AUDIT_ROOT_MISMATCH', async () => {
    const { dir, keyHex } = await makeAuditedVault();
    tamper(dir, keyHex, (db) => db.prepare('UPDATE audit_nodes SET hash = zeroblob(32) WHERE level = 2 AND idx = 1').run());
    await expect(() => verifyAudit(dir)).toThrowCode('AUDIT_ROOT_MISMATCH');
  });

  // A copy of both vault files from last week is a complete, self-consistent older vault: nothing inside it
  // can know a newer one existed. Only the bank witness, which has cosigned a larger checkpoint, catches it, at
  // the next `coffer sync`: test/attacks/rewrite-or-roll-back-vault-before-sync.test.ts (the vault's side) and
  // rewrite-audit-log-past-the-witness.test.ts (the gateway's).
});

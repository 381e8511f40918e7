import type { AuditEntry, AuditOutcome } from '../contract/index.js';
import {
  AuditError,
  appendLeafNodesBatch,
  consistencyProof,
  encodeAuditEntry,
  hashLeaf,
  inclusionProof,
  rootAt,
  signCheckpoint,
  type MerkleNodeReader,
} from '../audit/index.js';
import type { VaultDatabase } from './database.js';
import type { DeviceIdentity } from './deviceKey.js';

/** What a caller says about an event; the log adds sequence number, time and device. */
export interface AuditRecord {
  userId: string;
  action: string;
  target?: string | null;
  outcome: AuditOutcome;
  reason?: string | null;
  details?: AuditEntry['details'];
}

/**
 * The vault's RFC 9162 log: entries and perfect-subtree hashes in SQLite, appended inside the caller's
 * transaction so an entry exists exactly when its change does.
 */
export class VaultAuditLog implements MerkleNodeReader {
  readonly #db: VaultDatabase;
  readonly #statements;

  constructor(
    db: VaultDatabase,
    readonly identity: DeviceIdentity,
  ) {
    this.#db = db;
    this.#statements = {
      node: db.prepare('SELECT hash FROM audit_nodes WHERE level = ? AND idx = ?').pluck(),
      entry: db.prepare('SELECT data FROM audit_entries WHERE seq = ?').pluck(),
      size: db.prepare('SELECT coalesce(max(seq) + 1, 0) FROM audit_entries').pluck(),
      insertEntry: db.prepare('INSERT INTO audit_entries (seq, data) VALUES (?, ?)'),
      insertNode: db.prepare('INSERT INTO audit_nodes (level, idx, hash) VALUES (?, ?, ?)'),
      lastCheckpoint: db.prepare('SELECT size, note FROM audit_checkpoints ORDER BY size DESC LIMIT 1'),
      insertCheckpoint: db.prepare('INSERT INTO audit_checkpoints (size, note, created_at) VALUES (?, ?, ?)'),
    };
  }

  /** Level 0 is not stored: a leaf hash is recomputed from its entry, which saves a third of the inserts. */
  node(level: number, index: number): Uint8Array {
    if (level === 0) {
      const entry = this.#statements.entry.get(index) as Buffer | undefined;
      if (!entry) throw new AuditError('AUDIT_MISSING_NODE', `expected audit entry ${index}, found none`);
      return hashLeaf(entry);
    }
    const hash = this.#statements.node.get(level, index) as Buffer | undefined;
    if (!hash) throw new AuditError('AUDIT_MISSING_NODE', `expected stored node (${level}, ${index}), found none`);
    return hash;
  }

  get size(): number {
    return this.#statements.size.get() as number;
  }

  /** Appends entries in order; the caller's transaction makes them atomic with the change they record. */
  append(records: readonly AuditRecord[], now = new Date()): number {
    if (!this.#db.inTransaction) throw new Error('audit entries are appended inside the transaction of their change');
    const size = this.size;
    const time = now.toISOString();
    const leaves: Buffer[] = [];
    records.forEach((record, i) => {
      const bytes = encodeAuditEntry({
        seq: size + i,
        time,
        actor: { userId: record.userId, deviceId: this.identity.deviceId },
        action: record.action,
        target: record.target ?? null,
        outcome: record.outcome,
        reason: record.reason ?? null,
        details: record.details ?? {},
      });
      this.#statements.insertEntry.run(size + i, bytes);
      leaves.push(hashLeaf(bytes));
    });
    for (const node of appendLeafNodesBatch(this, size, leaves)) {
      if (node.level > 0) this.#statements.insertNode.run(node.level, node.index, node.hash);
    }
    return size + records.length;
  }

  /** Signs a checkpoint of the current tree unless the last one already covers it; returns the latest. */
  checkpoint(now = new Date()): string | undefined {
    const size = this.size;
    const last = this.#statements.lastCheckpoint.get() as { size: number; note: string } | undefined;
    if (size === 0 || (last && last.size >= size)) return last?.note;
    const note = signCheckpoint({ origin: this.identity.origin, size, rootHash: rootAt(this, size) }, this.identity.signer);
    this.#statements.insertCheckpoint.run(size, note, now.toISOString());
    return note;
  }

  latestCheckpoint(): string | undefined {
    return (this.#statements.lastCheckpoint.get() as { note: string } | undefined)?.note;
  }

  inclusionProof(index: number, size = this.size): Buffer[] {
    return inclusionProof(this, index, size);
  }

  consistencyProof(size1: number, size2 = this.size): Buffer[] {
    return consistencyProof(this, size1, size2);
  }

  root(size = this.size): Buffer {
    return rootAt(this, size);
  }
}

export interface StoredAuditEntry {
  seq: number;
  data: Buffer;
}

/** Entries in sequence order, read lazily so a million-entry log is never in memory twice. */
export function* readAuditEntries(db: VaultDatabase, from = 0, to = Number.MAX_SAFE_INTEGER): Generator<StoredAuditEntry> {
  yield* db.prepare('SELECT seq, data FROM audit_entries WHERE seq >= ? AND seq < ? ORDER BY seq').iterate(from, to) as Iterable<StoredAuditEntry>;
}

/** Signed checkpoints, oldest first (in the order they were written). */
export function readCheckpoints(db: VaultDatabase): { size: number; note: string }[] {
  return db.prepare('SELECT size, note FROM audit_checkpoints ORDER BY created_at, size').all() as { size: number; note: string }[];
}

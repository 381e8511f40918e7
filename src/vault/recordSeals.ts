import { canonicalJson } from '../contract/index.js';
import { sha256 } from '../crypto/index.js';
import type { VaultDatabase } from './database.js';

/*
 * "The log covers the data" (docs/audit.md): every change of an audited table is tracked by connection-local
 * triggers, and the entry that commits the change carries the digest of every record it produced (or a
 * digest over a large batch of them); `record_seals` remembers, per record, that entry's position and the
 * digest. `audit verify` then checks every row against the log.
 */

/** Domain tag of a record digest, so it can never be mistaken for any other SHA-256 Coffer computes. */
export const RECORD_DIGEST_TAG = 'coffer/record/v1\0';

/** The audited tables and the column that names a record in each. */
export const SEALED_TABLES: Readonly<Record<string, string>> = Object.freeze({
  organisations: 'id',
  users: 'id',
  accounts: 'id',
  statement_transactions: 'id',
  payees: 'id',
  payments: 'id',
  approvals: 'id',
  settings: 'key',
  org_policy: 'id',
  webauthn_credentials: 'id',
  approval_evidence: 'approval_id',
  bank_connection: 'id',
  statement_cursors: 'account_id',
  payment_outbox: 'payment_id',
  payee_checks: 'id',
  payment_status_reports: 'seq',
  payment_status_cursor: 'id',
  credential_registrations: 'credential_id',
  shared_payments: 'payment_id',
  received_payments: 'payment_id',
  pending_payment_cursor: 'id',
  sent_approvals: 'approval_id',
  bank_opening_balances: 'account_id',
  pending_statements: 'payment_id',
});

/** Above this many records of one table, an entry carries one digest over them all instead of one each. */
export const BATCH_ABOVE = 64;

/** What an entry says about the records its change produced (`details.records`). */
export interface RecordClaims {
  /** Per table: record id → digest (hex) of its new version, or null when the change deleted it. */
  each?: Record<string, Record<string, string | null>>;
  /** Per table: how many records the change produced, and a digest over their ids and digests (batchDigest). */
  batch?: Record<string, { count: number; digest: string }>;
}

/** SHA-256 over the tag and the canonical JSON of the table name and every column of the row (blobs in base64). */
export function recordDigest(table: string, row: Record<string, unknown>): Buffer {
  const values = Object.fromEntries(Object.entries(row).map(([column, value]) => [column, Buffer.isBuffer(value) ? { base64: value.toString('base64') } : value]));
  return sha256(Buffer.from(`${RECORD_DIGEST_TAG}${canonicalJson({ table, row: values })}`, 'utf8'));
}

/** One digest over a batch of records: SHA-256 of `id ‖ 0x00 ‖ digest` for each, sorted by id. */
export function batchDigest(records: readonly { id: string; digest: Buffer }[]): Buffer {
  const sorted = [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return sha256(...sorted.flatMap(({ id, digest }) => [Buffer.from(`${id}\0`, 'utf8'), digest]));
}

/**
 * Makes this connection note every insert, update and delete of an audited table in a temporary table. The
 * triggers are TEMP: they live with the connection, so a stock SQLCipher client editing the file by hand
 * writes nothing to them, and what it changed stays unsealed for `audit verify` to find.
 */
export function trackRecordChanges(db: VaultDatabase): void {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS touched_records (tbl TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (tbl, id)) WITHOUT ROWID');
  for (const [table, key] of Object.entries(SEALED_TABLES)) {
    // Not INSERT OR IGNORE: an outer statement's conflict clause (an upsert) would override the trigger's own.
    // Ids are compared as text, so the lookup uses the key's index whatever type the table's key has.
    const note = (row: 'NEW' | 'OLD') =>
      `INSERT INTO touched_records SELECT '${table}', CAST(${row}.${key} AS TEXT) WHERE NOT EXISTS (SELECT 1 FROM touched_records WHERE tbl = '${table}' AND id = CAST(${row}.${key} AS TEXT));`;
    db.exec(`
      CREATE TEMP TRIGGER IF NOT EXISTS seal_insert_${table} AFTER INSERT ON main.${table} BEGIN ${note('NEW')} END;
      CREATE TEMP TRIGGER IF NOT EXISTS seal_update_${table} AFTER UPDATE ON main.${table} BEGIN ${note('OLD')} ${note('NEW')} END;
      CREATE TEMP TRIGGER IF NOT EXISTS seal_delete_${table} AFTER DELETE ON main.${table} BEGIN ${note('OLD')} END;
    `);
  }
}

/** Forgets changes noted outside an audited change: they stay unsealed, so verification reports them. */
export function forgetUnsealedChanges(db: VaultDatabase): void {
  db.exec('DELETE FROM temp.touched_records');
}

/** Notes every record of every audited table as changed (adopting a vault from before record seals). */
export function touchAllRecords(db: VaultDatabase): void {
  for (const [table, key] of Object.entries(SEALED_TABLES)) db.exec(`INSERT OR IGNORE INTO temp.touched_records SELECT '${table}', CAST(${key} AS TEXT) FROM main.${table}`);
}

/**
 * Seals every record the current change touched under entry `seq` and returns what that entry must claim,
 * or undefined when the change touched no audited record. Runs inside the change's transaction.
 */
export function sealTouchedRecords(db: VaultDatabase, seq: number): RecordClaims | undefined {
  const touched = db.prepare('SELECT tbl, id FROM temp.touched_records ORDER BY tbl, id').all() as { tbl: string; id: string }[];
  if (touched.length === 0) return undefined;
  const upsert = db.prepare('INSERT INTO record_seals (tbl, id, seq, digest) VALUES (?, ?, ?, ?) ON CONFLICT (tbl, id) DO UPDATE SET seq = excluded.seq, digest = excluded.digest');
  const remove = db.prepare('DELETE FROM record_seals WHERE tbl = ? AND id = ?');
  const byTable = new Map<string, { id: string; digest: Buffer | null }[]>();
  const selects = new Map<string, ReturnType<VaultDatabase['prepare']>>();
  for (const { tbl, id } of touched) {
    const key = SEALED_TABLES[tbl];
    if (key === undefined) continue;
    let select = selects.get(tbl);
    if (select === undefined) selects.set(tbl, (select = db.prepare(`SELECT * FROM main.${tbl} WHERE ${key} = ?`)));
    const row = select.get(id) as Record<string, unknown> | undefined;
    const digest = row === undefined ? null : recordDigest(tbl, row);
    if (digest === null) remove.run(tbl, id);
    else upsert.run(tbl, id, seq, digest);
    const list = byTable.get(tbl) ?? [];
    list.push({ id, digest });
    byTable.set(tbl, list);
  }
  forgetUnsealedChanges(db);
  const claims: RecordClaims = {};
  for (const [table, records] of byTable) {
    const present = records.filter((r): r is { id: string; digest: Buffer } => r.digest !== null);
    const removed = records.filter((r) => r.digest === null);
    if (present.length > BATCH_ABOVE) {
      (claims.batch ??= {})[table] = { count: present.length, digest: batchDigest(present).toString('hex') };
      if (removed.length > 0) (claims.each ??= {})[table] = Object.fromEntries(removed.map((r) => [r.id, null]));
    } else {
      (claims.each ??= {})[table] = Object.fromEntries(records.map((r) => [r.id, r.digest === null ? null : r.digest.toString('hex')]));
    }
  }
  return claims;
}

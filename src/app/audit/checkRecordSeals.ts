import { AuditError, parseAuditEntry } from '../../audit/index.js';
import { batchDigest, readAuditEntries, recordDigest, SEALED_TABLES, type RecordClaims, type UnlockedVault } from '../../vault/index.js';

interface Seal {
  seq: number;
  digest: Buffer;
}

interface Claims {
  /** The latest per-record claim of each `table\0id`: the entry and the digest (null: it deleted the record). */
  latest: Map<string, { seq: number; digest: string | null }>;
  /** Batch claims by `seq\0table`. */
  batches: Map<string, { count: number; digest: string }>;
}

const RECORDS_KEY = Buffer.from('"records":{', 'utf8');
const keyOf = (table: string, id: string) => `${table}\0${id}`;

function unsealed(message: string): AuditError {
  return new AuditError('AUDIT_RECORD_UNSEALED', message);
}

function altered(message: string): AuditError {
  return new AuditError('AUDIT_RECORD_ALTERED', message);
}

/** What the log says about the records, entry by entry, the later claim of a record replacing the earlier. */
function readClaims(vault: UnlockedVault): Claims {
  const claims: Claims = { latest: new Map(), batches: new Map() };
  let adoptions = 0;
  for (const { seq, data } of readAuditEntries(vault.db)) {
    // Most entries carry no records: only those that do are parsed (canonical JSON spells the key one way).
    if (!data.includes(RECORDS_KEY)) continue;
    const entry = parseAuditEntry(data);
    if (entry.outcome !== 'allowed') continue;
    const records = entry.details.records as RecordClaims | undefined;
    if (records === undefined) continue;
    if (entry.action === 'records.adopt') {
      adoptions += 1;
      // Ensure adoption cannot launder an edit: it happens once, before any record was claimed one by one.
      if (adoptions > 1 || claims.latest.size > 0 || claims.batches.size > 0) throw unsealed(`entry ${seq} adopts records as they are, after records were already sealed: it could hide edits`);
    }
    for (const [table, ids] of Object.entries(records.each ?? {})) {
      for (const [id, digest] of Object.entries(ids)) claims.latest.set(keyOf(table, id), { seq, digest });
    }
    for (const [table, batch] of Object.entries(records.batch ?? {})) claims.batches.set(`${seq}\0${table}`, batch);
  }
  return claims;
}

/**
 * Checks every record of the audited tables against the log (issue 9: "the log covers the data"): each row
 * must be sealed, be what its entry recorded, and be the latest version the log knows; every record an entry
 * produced must still be there unless a later entry removed it. Throws AUDIT_RECORD_UNSEALED, _ALTERED or
 * _MISSING naming the table and id. Returns how many records it checked.
 */
export function checkRecordSeals(vault: UnlockedVault): number {
  const db = vault.db;
  const size = vault.audit.size;
  const claims = readClaims(vault);
  const seals = new Map<string, Seal>();
  for (const row of db.prepare('SELECT tbl, id, seq, digest FROM record_seals').iterate() as Iterable<{ tbl: string; id: string; seq: number; digest: Buffer }>) {
    seals.set(keyOf(row.tbl, row.id), { seq: row.seq, digest: row.digest });
  }
  const groups = new Map<string, { id: string; digest: Buffer }[]>();
  const present = new Set<string>();
  let checked = 0;
  for (const [table, column] of Object.entries(SEALED_TABLES)) {
    for (const row of db.prepare(`SELECT * FROM main.${table} ORDER BY ${column}`).iterate() as Iterable<Record<string, unknown>>) {
      const id = String(row[column]);
      const key = keyOf(table, id);
      present.add(key);
      checked += 1;
      const seal = seals.get(key);
      if (seal === undefined || seal.seq >= size) throw unsealed(`${table} ${id}: expected the audit entry that produced it, found none`);
      const digest = recordDigest(table, row);
      if (!digest.equals(seal.digest)) throw altered(`${table} ${id}: expected what entry ${seal.seq} recorded, found other content`);
      const latest = claims.latest.get(key);
      // Ensure the row is the newest version the log knows: an older one put back is a rollback.
      if (latest !== undefined && latest.seq > seal.seq) throw altered(`${table} ${id}: expected the version entry ${latest.seq} recorded, found an older one`);
      if (latest?.seq === seal.seq) {
        if (latest.digest !== digest.toString('hex')) throw altered(`${table} ${id}: expected what entry ${seal.seq} recorded, found other content`);
        continue;
      }
      const group = `${seal.seq}\0${table}`;
      if (!claims.batches.has(group)) throw unsealed(`${table} ${id}: expected entry ${seal.seq} to record it, found no such record there`);
      const members = groups.get(group) ?? [];
      members.push({ id, digest });
      groups.set(group, members);
    }
  }
  for (const [key, latest] of claims.latest) {
    if (latest.digest !== null && !present.has(key)) {
      const [table, id] = key.split('\0');
      throw new AuditError('AUDIT_RECORD_MISSING', `${table} ${id}: expected the record entry ${latest.seq} produced, found it gone`);
    }
  }
  for (const [group, batch] of claims.batches) {
    const [seq, table] = group.split('\0');
    const members = groups.get(group) ?? [];
    if (members.length !== batch.count) throw new AuditError('AUDIT_RECORD_MISSING', `${table}: expected the ${batch.count} records entry ${seq} produced, found ${members.length}`);
    if (batchDigest(members).toString('hex') !== batch.digest) throw altered(`${table}: expected the records entry ${seq} produced, found others`);
  }
  return checked;
}

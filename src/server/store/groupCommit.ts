import { sql, type Kysely } from 'kysely';
import type { StoreDialect } from './storeDialect.js';
import type { GatewayDatabase, RequestNonceTable } from './storeSchema.js';

/** Writes one group commits at most (SQLite binds at most 32,766 values; three per row). */
const WRITES_PER_GROUP = 500;

/**
 * What became of a request's nonce: kept (`fresh`), used before by its device (`replay`), or not kept because
 * its device was revoked (or is gone) when the group committed (`inactive`).
 */
export type NonceOutcome = 'fresh' | 'replay' | 'inactive';

interface NonceWrite {
  kind: 'nonce';
  row: RequestNonceTable;
  resolve: (outcome: NonceOutcome) => void;
  reject: (error: unknown) => void;
}

interface CounterWrite {
  kind: 'counter';
  key: string;
  at: number;
  windowMs: number;
  resolve: (counted: { current: number; resetAt: number }) => void;
  reject: (error: unknown) => void;
}

type GroupedWrite = NonceWrite | CounterWrite;

interface Group {
  queued: GroupedWrite[];
  committing: boolean;
}

/** The store's database and its dialect (a GatewayStore is one). */
export interface GroupedStore {
  db: Kysely<GatewayDatabase>;
  dialect: StoreDialect;
}

const groups = new WeakMap<Kysely<GatewayDatabase>, Group>();

/**
 * Group commit of the two small writes every signed request makes: its rate-limit counter and its nonce.
 * Each used to be a transaction of its own, and each commit waits for the disk (one fsync per commit with
 * SQLite's `synchronous = FULL`, on the event loop; one WAL flush per commit on PostgreSQL): two per request.
 * Writes that arrive while a group commits wait for the next one, so under load one commit carries many
 * requests' writes, and none is answered before the commit that holds it: what a request was told is on
 * disk. The nonce's primary key still decides a replay, in any number of processes (ON CONFLICT DO NOTHING
 * waits for a concurrent insert of the same key to commit or roll back, then reports it as taken).
 */
function enqueue(db: Kysely<GatewayDatabase>, dialect: StoreDialect, write: GroupedWrite): void {
  let group = groups.get(db);
  if (group === undefined) {
    group = { queued: [], committing: false };
    groups.set(db, group);
  }
  group.queued.push(write);
  if (!group.committing) {
    group.committing = true;
    // After this turn of the event loop: the writes of requests parsed in the same turn join this group.
    setImmediate(() => void commitGroups(db, group, dialect));
  }
}

async function commitGroups(db: Kysely<GatewayDatabase>, group: Group, dialect: StoreDialect): Promise<void> {
  while (group.queued.length > 0) {
    const writes = group.queued.splice(0, WRITES_PER_GROUP);
    try {
      const settle = await writeGroup(db, dialect, writes);
      // Only after the commit: a request is never told its nonce or count is kept before it is.
      settle();
    } catch (error) {
      // Nothing of the group was kept: every request in it fails, as it would have alone.
      for (const write of writes) write.reject(error);
    }
  }
  group.committing = false;
}

/** The counters' upsert: one row per key, adding the group's requests at once (`at` decides a window's end). */
function counterUpsert(counters: CounterWrite[][], at: number) {
  const rows = counters.map((same) => sql`(${same[0]?.key}, ${same.length}, ${at + (same[0]?.windowMs ?? 0)})`);
  return sql`INSERT INTO rate_limits (key, count, reset_at) VALUES ${sql.join(rows)}
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN rate_limits.reset_at <= ${at} THEN excluded.count ELSE rate_limits.count + excluded.count END,
        reset_at = CASE WHEN rate_limits.reset_at <= ${at} THEN excluded.reset_at ELSE rate_limits.reset_at END
      RETURNING key, count, reset_at`;
}

/**
 * The nonces' insert: a nonce is fresh when its row went in. Only a device not revoked at the commit's
 * snapshot gets its nonce kept (the join on `devices`), so the revocation is read in the very statement
 * that accepts the request, not in a query of its own before it (and a device row a process keeps in
 * memory, authenticateDevice.ts, never decides whether the device may still sign).
 */
function nonceInsert(dialect: StoreDialect, nonces: NonceWrite[]) {
  // PostgreSQL types a bare parameter in VALUES as text: created_at is cast to the column's type.
  const rows = nonces.map(({ row }) => (dialect === 'postgres' ? sql`(${row.device_id}, ${row.nonce}, CAST(${row.created_at} AS bigint))` : sql`(${row.device_id}, ${row.nonce}, ${row.created_at})`));
  return sql`INSERT INTO request_nonces (device_id, nonce, created_at)
      SELECT o.device_id, o.nonce, o.created_at
      FROM (SELECT column1 AS device_id, column2 AS nonce, column3 AS created_at FROM (VALUES ${sql.join(rows)}) AS v) AS o
      JOIN devices AS d ON d.id = o.device_id WHERE d.revoked_at IS NULL
      ON CONFLICT (device_id, nonce) DO NOTHING RETURNING device_id, nonce`;
}

/** The group's devices not revoked, read at the same snapshot as the nonces' insert. */
function activeDevices(nonces: NonceWrite[]) {
  const ids = [...new Set(nonces.map(({ row }) => row.device_id))];
  return sql`SELECT id FROM devices WHERE id IN (${sql.join(ids)}) AND revoked_at IS NULL`;
}

const nonceName = (deviceId: string, nonce: string) => `${deviceId}\u0000${nonce}`;

/**
 * Writes one group in one commit. On PostgreSQL that is one statement (both inserts and the devices' revocation
 * in one WITH, no BEGIN and COMMIT round trips); on SQLite, in-process, a BEGIN IMMEDIATE transaction of three.
 */
async function writeGroup(db: Kysely<GatewayDatabase>, dialect: StoreDialect, writes: GroupedWrite[]): Promise<() => void> {
  const settlements: (() => void)[] = [];
  // Counters by key: each request is told the count it would have seen had they been counted one by one, in
  // arrival order.
  const byKey = new Map<string, CounterWrite[]>();
  for (const write of writes) if (write.kind === 'counter') byKey.set(write.key, [...(byKey.get(write.key) ?? []), write]);
  const counters = [...byKey.values()];
  const at = Math.max(0, ...writes.map((write) => (write.kind === 'counter' ? write.at : 0)));
  // The same nonce twice in one group is a replay of the first, decided here (one statement may not touch a
  // key twice on PostgreSQL).
  const seen = new Set<string>();
  const nonces: NonceWrite[] = [];
  for (const write of writes) {
    if (write.kind !== 'nonce') continue;
    const name = nonceName(write.row.device_id, write.row.nonce);
    if (seen.has(name)) settlements.push(() => write.resolve('replay'));
    else {
      seen.add(name);
      nonces.push(write);
    }
  }
  type Counted = { key: string; count: number | string; reset_at: number | string };
  type Kept = { device_id: string; nonce: string };
  let counted: Counted[] = [];
  let kept: Kept[] = [];
  let active: { id: string }[] = [];
  if (dialect === 'postgres' && nonces.length > 0) {
    // One statement, one snapshot: the counters, the nonces kept, and which of the group's devices were
    // active when they were kept.
    const { rows } = await sql<{ kind: 'counted' | 'kept' | 'active'; a: string; b: string | null; c: string | null }>`
      WITH ${counters.length > 0 ? sql`counted AS (${counterUpsert(counters, at)}),` : sql``} kept AS (${nonceInsert(dialect, nonces)}), active AS (${activeDevices(nonces)})
      ${counters.length > 0 ? sql`SELECT 'counted' AS kind, key AS a, count::text AS b, reset_at::text AS c FROM counted UNION ALL` : sql``}
      SELECT 'kept' AS kind, device_id AS a, nonce AS b, NULL AS c FROM kept
      UNION ALL SELECT 'active', id, NULL, NULL FROM active`.execute(db);
    counted = rows.filter((row) => row.kind === 'counted').map((row) => ({ key: row.a, count: row.b ?? '0', reset_at: row.c ?? '0' }));
    kept = rows.filter((row) => row.kind === 'kept').map((row) => ({ device_id: row.a, nonce: row.b ?? '' }));
    active = rows.filter((row) => row.kind === 'active').map((row) => ({ id: row.a }));
  } else if (dialect === 'postgres') {
    counted = (await sql<Counted>`${counterUpsert(counters, at)}`.execute(db)).rows;
  } else {
    // BEGIN IMMEDIATE holds the write lock from the start, so all three read one state of the file.
    await db.transaction().execute(async (trx) => {
      if (counters.length > 0) counted = (await sql<Counted>`${counterUpsert(counters, at)}`.execute(trx)).rows;
      if (nonces.length > 0) {
        kept = (await sql<Kept>`${nonceInsert(dialect, nonces)}`.execute(trx)).rows;
        active = (await sql<{ id: string }>`${activeDevices(nonces)}`.execute(trx)).rows;
      }
    });
  }
  const totals = new Map(counted.map((row) => [row.key, row]));
  for (const same of counters) {
    const row = totals.get(same[0]?.key ?? '');
    if (!row) throw new Error('rate limit upsert returned no row');
    const total = Number(row.count);
    same.forEach((write, i) => settlements.push(() => write.resolve({ current: total - same.length + 1 + i, resetAt: Number(row.reset_at) })));
  }
  const fresh = new Set(kept.map((row) => nonceName(row.device_id, row.nonce)));
  const activeIds = new Set(active.map((row) => row.id));
  for (const write of nonces) {
    const outcome: NonceOutcome = fresh.has(nonceName(write.row.device_id, write.row.nonce)) ? 'fresh' : activeIds.has(write.row.device_id) ? 'replay' : 'inactive';
    settlements.push(() => write.resolve(outcome));
  }
  return () => {
    for (const settle of settlements) settle();
  };
}

/**
 * Records a request's nonce, committed with the group it joins, if its device is not revoked at that commit:
 * `replay` when the device had used it already, `inactive` when the device is revoked (or gone).
 */
export function recordNonce(store: GroupedStore, row: RequestNonceTable): Promise<NonceOutcome> {
  return new Promise((resolve, reject) => enqueue(store.db, store.dialect, { kind: 'nonce', row, resolve, reject }));
}

/** Counts one request against `key`'s window (a new window when the stored one has ended), committed with its group. */
export function countRequest(store: GroupedStore, key: string, at: number, windowMs: number): Promise<{ current: number; resetAt: number }> {
  return new Promise((resolve, reject) => enqueue(store.db, store.dialect, { kind: 'counter', key, at, windowMs, resolve, reject }));
}

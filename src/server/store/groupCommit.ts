import { sql, type Kysely } from 'kysely';
import type { StoreDialect } from './storeDialect.js';
import type { GatewayDatabase, RequestNonceTable } from './storeSchema.js';

/** Writes one group commits at most (SQLite binds at most 32,766 values; three per row). */
const WRITES_PER_GROUP = 500;

interface NonceWrite {
  kind: 'nonce';
  row: RequestNonceTable;
  resolve: (fresh: boolean) => void;
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

/** The nonces' insert: a nonce is fresh when its row went in. */
function nonceInsert(nonces: NonceWrite[]) {
  const rows = nonces.map(({ row }) => sql`(${row.device_id}, ${row.nonce}, ${row.created_at})`);
  return sql`INSERT INTO request_nonces (device_id, nonce, created_at) VALUES ${sql.join(rows)}
      ON CONFLICT (device_id, nonce) DO NOTHING RETURNING device_id, nonce`;
}

const nonceName = (deviceId: string, nonce: string) => `${deviceId}\u0000${nonce}`;

/**
 * Writes one group in one commit. On PostgreSQL that is one statement (both inserts in one WITH, no BEGIN and
 * COMMIT round trips); on SQLite, in-process, a BEGIN IMMEDIATE transaction of two.
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
    if (seen.has(name)) settlements.push(() => write.resolve(false));
    else {
      seen.add(name);
      nonces.push(write);
    }
  }
  type Counted = { key: string; count: number | string; reset_at: number | string };
  type Kept = { device_id: string; nonce: string };
  let counted: Counted[] = [];
  let kept: Kept[] = [];
  if (dialect === 'postgres' && counters.length > 0 && nonces.length > 0) {
    const { rows } = await sql<{ kind: 'counted' | 'kept'; a: string; b: string; c: string | null }>`
      WITH counted AS (${counterUpsert(counters, at)}), kept AS (${nonceInsert(nonces)})
      SELECT 'counted' AS kind, key AS a, count::text AS b, reset_at::text AS c FROM counted
      UNION ALL SELECT 'kept', device_id, nonce, NULL FROM kept`.execute(db);
    counted = rows.filter((row) => row.kind === 'counted').map((row) => ({ key: row.a, count: row.b, reset_at: row.c ?? '0' }));
    kept = rows.filter((row) => row.kind === 'kept').map((row) => ({ device_id: row.a, nonce: row.b }));
  } else if (dialect === 'postgres') {
    if (counters.length > 0) counted = (await sql<Counted>`${counterUpsert(counters, at)}`.execute(db)).rows;
    if (nonces.length > 0) kept = (await sql<Kept>`${nonceInsert(nonces)}`.execute(db)).rows;
  } else {
    await db.transaction().execute(async (trx) => {
      if (counters.length > 0) counted = (await sql<Counted>`${counterUpsert(counters, at)}`.execute(trx)).rows;
      if (nonces.length > 0) kept = (await sql<Kept>`${nonceInsert(nonces)}`.execute(trx)).rows;
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
  for (const write of nonces) settlements.push(() => write.resolve(fresh.has(nonceName(write.row.device_id, write.row.nonce))));
  return () => {
    for (const settle of settlements) settle();
  };
}

/** Records a request's nonce, committed with the group it joins; false when the device had used it already. */
export function recordNonce(store: GroupedStore, row: RequestNonceTable): Promise<boolean> {
  return new Promise((resolve, reject) => enqueue(store.db, store.dialect, { kind: 'nonce', row, resolve, reject }));
}

/** Counts one request against `key`'s window (a new window when the stored one has ended), committed with its group. */
export function countRequest(store: GroupedStore, key: string, at: number, windowMs: number): Promise<{ current: number; resetAt: number }> {
  return new Promise((resolve, reject) => enqueue(store.db, store.dialect, { kind: 'counter', key, at, windowMs, resolve, reject }));
}

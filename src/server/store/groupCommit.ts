import { sql, type Kysely } from 'kysely';
import type { GatewayDatabase, RequestNonceTable } from './storeSchema.js';

/** Rows one statement of a group carries at most (SQLite binds at most 32,766 values; three per nonce). */
const ROWS_PER_STATEMENT = 500;

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
function enqueue(db: Kysely<GatewayDatabase>, write: GroupedWrite): void {
  let group = groups.get(db);
  if (group === undefined) {
    group = { queued: [], committing: false };
    groups.set(db, group);
  }
  group.queued.push(write);
  if (!group.committing) {
    group.committing = true;
    // After this turn of the event loop: the writes of requests parsed in the same turn join this group.
    setImmediate(() => void commitGroups(db, group));
  }
}

async function commitGroups(db: Kysely<GatewayDatabase>, group: Group): Promise<void> {
  while (group.queued.length > 0) {
    const writes = group.queued;
    group.queued = [];
    try {
      const settle = await db.transaction().execute((trx) => writeGroup(trx, writes));
      // Only after the commit: a request is never told its nonce or count is kept before it is.
      settle();
    } catch (error) {
      // Nothing of the group was kept: every request in it fails, as it would have alone.
      for (const write of writes) write.reject(error);
    }
  }
  group.committing = false;
}

async function writeGroup(trx: Kysely<GatewayDatabase>, writes: GroupedWrite[]): Promise<() => void> {
  const settlements: (() => void)[] = [];
  // Counters: one upsert per key and window, adding the group's requests at once; each request is told the
  // count it would have seen had they been counted one by one, in arrival order.
  const counters = new Map<string, CounterWrite[]>();
  for (const write of writes) {
    if (write.kind !== 'counter') continue;
    const name = `${write.windowMs}:${write.key}`;
    counters.set(name, [...(counters.get(name) ?? []), write]);
  }
  for (const same of counters.values()) {
    const first = same[0];
    if (first === undefined) continue;
    const at = Math.max(...same.map((write) => write.at));
    const resetAt = at + first.windowMs;
    const added = same.length;
    const result = await sql<{ count: number | string; reset_at: number | string }>`
      INSERT INTO rate_limits (key, count, reset_at) VALUES (${first.key}, ${added}, ${resetAt})
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN rate_limits.reset_at <= ${at} THEN ${added} ELSE rate_limits.count + ${added} END,
        reset_at = CASE WHEN rate_limits.reset_at <= ${at} THEN ${resetAt} ELSE rate_limits.reset_at END
      RETURNING count, reset_at`.execute(trx);
    const row = result.rows[0];
    if (!row) throw new Error('rate limit upsert returned no row');
    const total = Number(row.count);
    same.forEach((write, i) => settlements.push(() => write.resolve({ current: total - added + 1 + i, resetAt: Number(row.reset_at) })));
  }
  // Nonces: one insert per chunk; a nonce is fresh when its row went in. The same nonce twice in one group
  // is a replay of the first, decided here (PostgreSQL would refuse one statement touching a key twice).
  const nonces = writes.filter((write): write is NonceWrite => write.kind === 'nonce');
  const seen = new Set<string>();
  const distinct: NonceWrite[] = [];
  for (const write of nonces) {
    const name = `${write.row.device_id}\u0000${write.row.nonce}`;
    if (seen.has(name)) settlements.push(() => write.resolve(false));
    else {
      seen.add(name);
      distinct.push(write);
    }
  }
  for (let at = 0; at < distinct.length; at += ROWS_PER_STATEMENT) {
    const chunk = distinct.slice(at, at + ROWS_PER_STATEMENT);
    const inserted = await trx
      .insertInto('request_nonces')
      .values(chunk.map((write) => write.row))
      .onConflict((conflict) => conflict.columns(['device_id', 'nonce']).doNothing())
      .returning(['device_id', 'nonce'])
      .execute();
    const fresh = new Set(inserted.map((row) => `${row.device_id}\u0000${row.nonce}`));
    for (const write of chunk) settlements.push(() => write.resolve(fresh.has(`${write.row.device_id}\u0000${write.row.nonce}`)));
  }
  return () => {
    for (const settle of settlements) settle();
  };
}

/** Records a request's nonce, committed with the group it joins; false when the device had used it already. */
export function recordNonce(db: Kysely<GatewayDatabase>, row: RequestNonceTable): Promise<boolean> {
  return new Promise((resolve, reject) => enqueue(db, { kind: 'nonce', row, resolve, reject }));
}

/** Counts one request against `key`'s window (a new window when the stored one has ended), committed with its group. */
export function countRequest(db: Kysely<GatewayDatabase>, key: string, at: number, windowMs: number): Promise<{ current: number; resetAt: number }> {
  return new Promise((resolve, reject) => enqueue(db, { kind: 'counter', key, at, windowMs, resolve, reject }));
}

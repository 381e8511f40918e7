import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { sql, type Kysely } from 'kysely';
import type { GatewayDatabase } from '../store/storeSchema.js';

/** Delete expired counters on every this-many increments of a process, keeping the table small without a timer. */
const PRUNE_EVERY = 1000;

/**
 * `@fastify/rate-limit` counters in the gateway's database, so every process behind a load balancer counts
 * against one limit. One statement per request: an upsert that starts a new window when the stored one
 * has ended, else adds one, and returns the count and when the window ends (SQLite ≥ 3.35 and PostgreSQL
 * both read the old row in SET and support RETURNING).
 */
export function kyselyRateLimitStore(db: Kysely<GatewayDatabase>, now: () => number): FastifyRateLimitStoreCtor {
  let sincePrune = 0;
  async function increment(key: string, windowMs: number): Promise<{ current: number; ttl: number }> {
    const at = now();
    const resetAt = at + windowMs;
    const result = await sql<{ count: number | string; reset_at: number | string }>`
      INSERT INTO rate_limits (key, count, reset_at) VALUES (${key}, 1, ${resetAt})
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN rate_limits.reset_at <= ${at} THEN 1 ELSE rate_limits.count + 1 END,
        reset_at = CASE WHEN rate_limits.reset_at <= ${at} THEN ${resetAt} ELSE rate_limits.reset_at END
      RETURNING count, reset_at`.execute(db);
    const row = result.rows[0];
    if (!row) throw new Error('rate limit upsert returned no row');
    sincePrune += 1;
    if (sincePrune >= PRUNE_EVERY) {
      sincePrune = 0;
      await db.deleteFrom('rate_limits').where('reset_at', '<', at).execute();
    }
    return { current: Number(row.count), ttl: Math.max(0, Number(row.reset_at) - at) };
  }

  class KyselyRateLimitStore implements FastifyRateLimitStore {
    constructor(
      _options: FastifyRateLimitOptions,
      private readonly prefix = 'global:',
    ) {}

    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      increment(this.prefix + key, timeWindow).then(
        (result) => callback(null, result),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    // A route with its own limit counts apart from the global one and from other routes.
    child(routeOptions: { routeInfo?: { method?: string | string[]; url?: string } } & FastifyRateLimitOptions): FastifyRateLimitStore {
      const route = `${String(routeOptions.routeInfo?.method ?? '')} ${routeOptions.routeInfo?.url ?? ''}:`;
      return new KyselyRateLimitStore(routeOptions, route);
    }
  }
  return KyselyRateLimitStore;
}

import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { countRequest, type GroupedStore } from '../store/groupCommit.js';

/** Delete expired counters on every this-many increments of a process, keeping the table small without a timer. */
const PRUNE_EVERY = 1000;

/**
 * `@fastify/rate-limit` counters in the gateway's database, so every process behind a load balancer counts
 * against one limit. One upsert per key and group commit (groupCommit.ts): it starts a new window when the
 * stored one has ended, else adds the group's requests, and returns the count and when the window ends
 * (SQLite ≥ 3.35 and PostgreSQL both read the old row in SET and support RETURNING).
 */
export function kyselyRateLimitStore(store: GroupedStore, now: () => number): FastifyRateLimitStoreCtor {
  const { db } = store;
  let sincePrune = 0;
  async function increment(key: string, windowMs: number): Promise<{ current: number; ttl: number }> {
    const at = now();
    // Committed with the other requests' counters and nonces of the moment (groupCommit.ts).
    const counted = await countRequest(store, key, at, windowMs);
    sincePrune += 1;
    if (sincePrune >= PRUNE_EVERY) {
      sincePrune = 0;
      await db.deleteFrom('rate_limits').where('reset_at', '<', at).execute();
    }
    return { current: counted.current, ttl: Math.max(0, counted.resetAt - at) };
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

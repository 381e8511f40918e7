import { sql } from 'kysely';
import type { GatewayStore } from '../store/openStore.js';

const SAMPLE_EVERY_MS = 20;

export interface AuditLockWaits {
  /** Mean number of the store's sessions waiting for the gateway_audit table lock at a sample. */
  waitingMean: number;
  /**
   * Mean number waiting for the payment_status_feed table lock, which an acceptance takes before the audit
   * log's (appendPaymentStatus.ts): while it is held, the acceptances queue there instead.
   */
  statusFeedWaitingMean: number;
  /** Mean number of the store's sessions running a statement or waiting at a sample. */
  activeMean: number;
  samples: number;
}

/**
 * Samples pg_locks and pg_stat_activity every 20 ms while a load runs: how many of this database's sessions
 * wait for the lock on gateway_audit that every audited write takes (appendGatewayAudit.ts), and for the lock
 * on payment_status_feed that every acceptance takes first, against how many are active. A mean near the
 * number of writers says a lock serialises them.
 */
export function sampleAuditLockWaits(store: GatewayStore): { stop: () => Promise<AuditLockWaits> } {
  let waiting = 0;
  let statusFeedWaiting = 0;
  let active = 0;
  let samples = 0;
  let running = true;
  const sampling = (async () => {
    while (running) {
      const { rows } = await sql<{ waiting: number; statusFeedWaiting: number; active: number }>`
        SELECT
          (SELECT count(*) FROM pg_locks l WHERE NOT l.granted AND l.relation = to_regclass('gateway_audit'))::int AS waiting,
          (SELECT count(*) FROM pg_locks l WHERE NOT l.granted AND l.relation = to_regclass('payment_status_feed'))::int AS "statusFeedWaiting",
          (SELECT count(*) FROM pg_stat_activity a WHERE a.datname = current_database() AND a.state <> 'idle' AND a.pid <> pg_backend_pid())::int AS active`.execute(store.db);
      waiting += rows[0]?.waiting ?? 0;
      statusFeedWaiting += rows[0]?.statusFeedWaiting ?? 0;
      active += rows[0]?.active ?? 0;
      samples += 1;
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_EVERY_MS));
    }
  })();
  return {
    async stop() {
      running = false;
      await sampling;
      const mean = (total: number) => (samples === 0 ? 0 : total / samples);
      return { waitingMean: mean(waiting), statusFeedWaitingMean: mean(statusFeedWaiting), activeMean: mean(active), samples };
    },
  };
}

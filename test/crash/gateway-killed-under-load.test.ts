/**
 * A gateway process killed with SIGKILL in the middle of a load of payment submissions, then started again
 * on the same store, and every submission sent again with its own Idempotency-Key, as a client that never
 * saw an answer (or saw one) retries. What must hold: every payment the first process acknowledged is
 * stored, with the answer it acknowledged; each payment is accepted under exactly one key and answered as
 * a duplicate under the others; the gateway's audit log still verifies and records each acceptance once;
 * the pain.001 export holds each accepted payment once.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PaymentApproval, PaymentOrder } from '../../src/contract/index.js';
import { openStore, verifyGatewayAudit, type GatewayStore, type OpenStoreOptions } from '../../src/server/index.js';
import { coffer } from '../support/cofferCli.js';
import type { GatewayAnswer } from '../support/gatewayClient.js';
import { freshDatabaseUrl, serve } from '../support/gatewayProcess.js';
import { postgresAvailable } from '../support/gatewayStores.js';
import { approve, enrolUser, newIdempotencyKey, order, ORG, paymentOrg, submitPayment, type EnrolledUser } from '../support/paymentGateway.js';
import { tempDir } from '../support/tempDir.js';

// Spawns three CLI processes and sends about 700 signed submissions; on a loaded 2-core machine that is minutes.
const TEST_TIMEOUT_MS = 300_000;
const DISTINCT = 240;
/** Payments also sent under a second Idempotency-Key: the same order twice, as two clicks would. */
const TWINS = 60;
/** Payments whose one request is also sent twice with the same key, as a retry after a timeout is. */
const RETRIES = 30;
const IN_FLIGHT = 24;
/** The kill comes when this share of the submissions has been answered: in the thick of the run. */
const KILL_AFTER_SHARE = 1 / 3;
const UNLIMITED = ['--rate-limit', '1000000'];

interface Submission {
  payment: PaymentOrder;
  approvals: PaymentApproval[];
  key: string;
  /** What the first process answered, if it answered. */
  first?: GatewayAnswer;
  /** What the restarted process answered to the same request. */
  second?: GatewayAnswer;
}

const stores = [
  { kind: 'sqlite', open: () => Promise.resolve(((dir: string) => ({ args: ['--data', dir], env: {}, options: { dataDir: dir } as OpenStoreOptions }))(tempDir())) },
  { kind: 'postgres', open: async () => ((url: string) => ({ args: [], env: { DATABASE_URL: url }, options: { databaseUrl: url } as OpenStoreOptions }))(await freshDatabaseUrl()) },
] as const;

/** Runs `send` over the items, `width` at a time, until the items run out or `stopped()` says so. */
async function inFlight<T>(items: readonly T[], width: number, send: (item: T) => Promise<void>, stopped: () => boolean = () => false): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (!stopped() && next < items.length) {
        const item = items[next++];
        if (item) await send(item);
      }
    }),
  );
}

function shuffled<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/** Distinct payments approved by bob's key, with twins under new keys and retries under the same key. */
function submissionsOf(bob: EnrolledUser): Submission[] {
  const originals = Array.from({ length: DISTINCT }, (_, i) => {
    const payment = order({ amountMinor: 100_00 + i, remittanceInfo: `Invoice ${i}` });
    // Counter 0: an authenticator that keeps no counter (as many platform keys do), so approvals may arrive
    // in any order; a counting key's approvals must arrive in counter order, which concurrent load does not keep.
    return { payment, approvals: [approve(bob.hardwareKey, payment, { counter: 0 })], key: newIdempotencyKey() };
  });
  const twins = originals.slice(0, TWINS).map((original) => ({ ...original, key: newIdempotencyKey() }));
  const retries = originals.slice(TWINS, TWINS + RETRIES).map((original) => ({ ...original }));
  return shuffled([...originals, ...twins, ...retries]);
}

const bodyOf = ({ payment, approvals }: Submission) => ({ payment, approvals });
const ids = (xml: string) => [...xml.matchAll(/<EndToEndId>([^<]+)<\/EndToEndId>/g)].map((match) => match[1]);

for (const { kind, open } of stores) {
  describe.skipIf(kind === 'postgres' && !postgresAvailable)(`a gateway on ${kind} killed under load`, () => {
    it('loses nothing it acknowledged and accepts nothing twice once restarted and sent everything again', { timeout: TEST_TIMEOUT_MS }, async () => {
      const { args, env, options } = await open();
      let store: GatewayStore = await openStore(options);
      let submissions: Submission[];
      try {
        await paymentOrg(store);
        const gateway = await serve([...args, '--port', '0', ...UNLIMITED], env);
        const alice = await enrolUser(store, gateway.url, 'alice');
        const bob = await enrolUser(store, gateway.url, 'bob');
        submissions = submissionsOf(bob);

        let [sent, answered, inFlightAtKill] = [0, 0, 0];
        let killed: Promise<NodeJS.Signals | null> | undefined;
        await inFlight(
          submissions,
          IN_FLIGHT,
          async (submission) => {
            sent += 1;
            try {
              submission.first = await submitPayment(gateway.url, alice, bodyOf(submission), submission.key);
            } catch {
              return; // The connection died with the process: not acknowledged.
            }
            answered += 1;
            if (killed === undefined && answered >= submissions.length * KILL_AFTER_SHARE) {
              inFlightAtKill = sent - answered;
              killed = gateway.kill();
            }
          },
          () => killed !== undefined,
        );
        expect(await killed).toBe('SIGKILL');
        const acknowledged = submissions.filter((submission) => submission.first !== undefined);
        process.stderr.write(`coffer: gateway (${kind}) killed after ${acknowledged.length} of ${submissions.length} submissions were answered, ${inFlightAtKill} in flight\n`);
        // Ensure the kill fell in the middle of the run: some answers came, many did not.
        expect(acknowledged.length).toBeGreaterThanOrEqual(Math.floor(submissions.length * KILL_AFTER_SHARE));
        expect(acknowledged.length).toBeLessThan(submissions.length);
        expect(acknowledged.filter((submission) => submission.first?.status !== 201 && submission.first?.status !== 409).map((submission) => submission.first)).toEqual([]);

        const restarted = await serve([...args, '--port', '0', ...UNLIMITED], env);
        await inFlight(submissions, IN_FLIGHT, async (submission) => {
          submission.second = await submitPayment(restarted.url, alice, bodyOf(submission), submission.key);
        });
        expect(await restarted.stop()).toBe(0);
      } finally {
        await store.close();
      }

      // Every request is answered as accepted or as the duplicate of an acceptance.
      expect(submissions.filter((submission) => submission.second?.status !== 201 && submission.second?.status !== 409).map((submission) => submission.second)).toEqual([]);
      // What the killed process acknowledged stands: the same key gets the same answer from its successor.
      for (const submission of submissions.filter((s) => s.first !== undefined)) {
        expect({ status: submission.second?.status, body: submission.second?.body }).toEqual({ status: submission.first?.status, body: submission.first?.body });
      }
      // Each payment is accepted under one key only, and every answer about it names the same acceptance.
      const byPayment = new Map<string, Submission[]>();
      for (const submission of submissions) byPayment.set(submission.payment.id, [...(byPayment.get(submission.payment.id) ?? []), submission]);
      expect(byPayment.size).toBe(DISTINCT);
      for (const [, sent] of byPayment) {
        const acceptedKeys = new Set(sent.filter((submission) => submission.second?.status === 201).map((submission) => submission.key));
        expect(acceptedKeys.size).toBe(1);
        expect(new Set(sent.map((submission) => JSON.stringify(submission.second?.body))).size).toBe(1);
      }

      store = await openStore(options);
      try {
        const rows = await store.db.selectFrom('payments').select(['payment_id', 'accepted_at']).execute();
        expect(rows.map((row) => row.payment_id).sort()).toEqual([...byPayment.keys()].sort());
        const accepts = await store.db.selectFrom('gateway_audit').select('details').where('action', '=', 'payment.accept').execute();
        expect(accepts.map((entry) => (JSON.parse(entry.details) as { paymentId: string }).paymentId).sort()).toEqual([...byPayment.keys()].sort());
        // One stored answer per acceptance (a duplicate's 409 is derived from the stored payment, not stored).
        expect(await store.db.selectFrom('idempotency_keys').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual({ n: DISTINCT });
        await expect(verifyGatewayAudit(store.db)).resolves.toBeGreaterThan(DISTINCT);
      } finally {
        await store.close();
      }

      const out = tempDir();
      const exported = await coffer(['--json', 'server', ...args, '--staff', 'sam', 'payments', 'export', '--org', ORG, '--out', out], env);
      expect(exported.status, exported.stderr).toBe(0);
      const { files } = JSON.parse(exported.stdout) as { files: { file: string }[] };
      const emitted = files.flatMap((file) => ids(readFileSync(file.file, 'utf8')));
      expect(emitted.sort()).toEqual([...byPayment.keys()].sort());
    });
  });
}

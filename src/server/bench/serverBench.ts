import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { BenchFigure } from '../../contract/index.js';
import { randomId } from '../../crypto/index.js';
import { addAccount } from '../bank/addAccount.js';
import { addUser } from '../bank/addUser.js';
import { createOrganisation } from '../bank/createOrganisation.js';
import { createActivationCode } from '../enrolment/createActivationCode.js';
import { buildGateway } from '../http/buildGateway.js';
import { explainStatementFeed } from '../statements/explainStatementFeed.js';
import { openStore, type GatewayStore } from '../store/openStore.js';
import { bookBenchLines } from './bookBenchLines.js';
import { enrolBenchDevice, percentile, round, type BenchDevice } from './benchClient.js';
import { preparePaymentLoad, submitPayments } from './benchPayments.js';
import { sampleAuditLockWaits } from './sampleAuditLockWaits.js';
import { closedLoop, openLoop } from './statementLoad.js';
import { rawSubmissionVerificationsPerSecond, rawVerificationsPerSecond } from './rawVerifications.js';
import { startBenchLoadThread, type BenchLoadThread } from './benchLoadWorker.js';
import { startBenchGatewayProcesses } from './benchGatewayProcesses.js';

/** One line of `coffer bench --server`: the app's figure shape, with the load average beside it. */
export type ServerBenchFigure = BenchFigure;

export interface ServerBenchOptions {
  /** PostgreSQL to measure beside the embedded SQLite store (a fresh schema, dropped afterwards). */
  databaseUrl?: string;
  /** Seconds per load phase. */
  seconds?: number;
  /** Stored lines for the last point of the growth curve (10,000,000 by default, 50,000 with `quick`). */
  growthTo?: number;
  quick?: boolean;
  /** One store only (the tests run each store's figures in its own suite). */
  only?: 'sqlite' | 'postgres';
  /**
   * Where the load generator runs: in a worker thread of its own (the default), so the figures are the
   * gateway's and not the gateway's and its clients' on one thread, or in the gateway's thread as before
   * (`inProcess`, kept to compare runs with the figures measured that way).
   */
  clients?: 'thread' | 'inProcess';
  /**
   * Gateways serving the load on PostgreSQL (default 1): the bench's own and N - 1 child processes on the same
   * schema, the load generator sending to each in turn, as a load balancer in front of several processes would.
   * SQLite always gets one (an SQLite file is for one process, docs/gateway.md).
   */
  gatewayProcesses?: number;
}

/** The load generator's loops, in the gateway's thread or in a thread of its own. */
type BenchLoad = Pick<BenchLoadThread, 'closedLoop' | 'openLoop' | 'submitPayments'>;
const inProcess: BenchLoad = { closedLoop, openLoop, submitPayments };
const clientsWhere = (clients: BenchLoad) => (clients === inProcess ? 'in the gateway thread' : 'one worker thread');

export const BENCH_ORG = 'bench';
export const BENCH_IBAN = 'DE89370400440532013000';
const CONCURRENCY = 16;
const BASE_LINES = 10_000;
/** Payments prepared per second of load: more than this machine accepts, so a run does not run dry (flagged when it does). */
const PREPARED_PER_SECOND = 600;
const load = () => round(loadavg()[0] ?? 0, 2);
/** Every request of a run comes from one address: the limit is lifted so the gateway, not the limiter, is measured. */
const BENCH_RATE_LIMIT = { max: 1_000_000_000, windowMs: 60_000 };

export interface BenchGateway {
  viewer: BenchDevice;
  /** Every gateway serving the load, this process's first. */
  bases: string[];
  agent: Agent;
  base: string;
  close: () => Promise<void>;
}

export async function startBenchGateway(store: GatewayStore): Promise<BenchGateway> {
  await createOrganisation(store, 'bench', { orgId: BENCH_ORG, name: 'Bench GmbH' });
  await addUser(store, 'bench', { orgId: BENCH_ORG, userId: 'ben', name: 'Ben', roles: ['viewer'] });
  await addAccount(store, 'bench', { orgId: BENCH_ORG, iban: BENCH_IBAN, currency: 'EUR', name: 'Operating', bic: 'COBADEFFXXX' });
  const app = await buildGateway({ store, log: false, rateLimit: BENCH_RATE_LIMIT });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('expected a TCP address');
  const base = `http://127.0.0.1:${address.port}`;
  // Idle sockets are dropped after 30 s, before the gateway closes them (Fastify's keep-alive timeout is 72 s):
  // after a long bulk load, a socket the gateway had closed would otherwise be reused and reset.
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY * 4, timeout: 30_000 });
  const viewer = await enrolBenchDevice(base, agent, (await createActivationCode(store, 'bench', { orgId: BENCH_ORG, userId: 'ben' })).code);
  return {
    viewer,
    bases: [base],
    agent,
    base,
    close: async () => {
      agent.destroy();
      await app.close();
    },
  };
}

export async function openBenchStore(kind: 'sqlite' | 'postgres', databaseUrl: string | undefined): Promise<{ store: GatewayStore; schema?: string; dispose: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'coffer-bench-gateway-'));
    const store = await openStore({ dataDir: dir });
    return { store, dispose: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })) };
  }
  const schema = `bench_${randomId().replaceAll('-', '').slice(0, 20)}`;
  const store = await openStore({ databaseUrl, schema, poolSize: CONCURRENCY });
  return {
    store,
    schema,
    dispose: async () => {
      await sql.raw(`DROP SCHEMA ${schema} CASCADE`).execute(store.db);
      await store.close();
    },
  };
}

/** Verified payment submissions per second: 16 makers' requests back to back, each payment new and approved. */
async function benchPayments(emit: (figure: ServerBenchFigure) => void, clients: BenchLoad, kind: string, store: GatewayStore, gateway: BenchGateway, seconds: number, raw: number): Promise<void> {
  const warmUp = Math.min(1, seconds);
  const perClient = Math.ceil(((seconds + warmUp) * PREPARED_PER_SECOND) / CONCURRENCY);
  const made = await preparePaymentLoad(store, gateway.base, gateway.agent, BENCH_ORG, BENCH_IBAN, CONCURRENCY, perClient);
  const prepared = { ...made, maker: { ...made.maker, bases: gateway.bases } };
  await clients.submitPayments(prepared, warmUp);
  const sampler = store.dialect === 'postgres' ? sampleAuditLockWaits(store) : undefined;
  const run = await clients.submitPayments(prepared, seconds);
  const waits = await sampler?.stop();
  const ratio = round(run.rate / raw, 3);
  emit({
    figure: `server.payments.submit.${kind}`,
    unit: 'payments/s',
    value: round(run.rate, 0),
    baseline: { name: 'server.payments.verify.raw', value: round(raw, 0) },
    ratio,
    goal: '>= 0.3 of the raw verifications of the signatures a submission carries',
    met: ratio >= 0.3,
    details: {
      concurrency: CONCURRENCY,
      clients: clientsWhere(clients),
      gatewayProcesses: gateway.bases.length,
      accepted: run.accepted,
      seconds,
      p50Ms: round(percentile(run.latencies, 50)),
      p99Ms: round(percentile(run.latencies, 99)),
      ranDry: run.exhausted,
      ...(waits ? { auditLockWaitersMean: round(waits.waitingMean, 2), statusFeedLockWaitersMean: round(waits.statusFeedWaitingMean, 2), activeMean: round(waits.activeMean, 2), samples: waits.samples } : {}),
    },
    loadAverage1m: load(),
  });
}

/** Signed statement syncs per second, p99 at half that rate, and the latency's growth with the lines stored. */
async function benchStatements(emit: (figure: ServerBenchFigure) => void, clients: BenchLoad, kind: 'sqlite' | 'postgres', store: GatewayStore, gateway: BenchGateway, seconds: number, growthTo: number, raw: number): Promise<void> {
  const viewer = { ...gateway.viewer, bases: gateway.bases };
  await bookBenchLines(store, BENCH_IBAN, 0, BASE_LINES);
  await clients.closedLoop(viewer, BENCH_IBAN, BASE_LINES, Math.min(1, seconds), CONCURRENCY);
  const max = await clients.closedLoop(viewer, BENCH_IBAN, BASE_LINES, seconds, CONCURRENCY);
  emit({
    figure: `server.statements.sync.${kind}`,
    unit: 'requests/s',
    value: round(max.rate, 0),
    baseline: { name: 'server.ed25519.verify', value: round(raw, 0) },
    ratio: round(max.rate / raw, 3),
    ...(kind === 'postgres' ? { goal: '>= 1000 requests/s', met: max.rate >= 1000 } : {}),
    details: { concurrency: CONCURRENCY, clients: clientsWhere(clients), gatewayProcesses: gateway.bases.length, pageSize: 50, storedLines: BASE_LINES, seconds, p50Ms: round(percentile(max.latencies, 50)), p99Ms: round(percentile(max.latencies, 99)) },
    loadAverage1m: load(),
  });
  const half = await clients.openLoop(viewer, BENCH_IBAN, BASE_LINES, seconds, max.rate / 2);
  const p99 = percentile(half.latencies, 99);
  emit({
    figure: `server.statements.sync.${kind}.halfLoad.p99`,
    unit: 'ms',
    value: round(p99),
    ...(kind === 'postgres' ? { goal: 'p99 < 50 ms at half the maximum rate', met: p99 < 50 } : {}),
    details: { clients: clientsWhere(clients), gatewayProcesses: gateway.bases.length, rate: round(half.rate, 0), p50Ms: round(percentile(half.latencies, 50)), requests: half.latencies.length },
    loadAverage1m: load(),
  });
  const small = await closedLoop(viewer, BENCH_IBAN, BASE_LINES, Math.max(1, seconds / 2), 1);
  const loading = performance.now();
  await bookBenchLines(store, BENCH_IBAN, BASE_LINES, growthTo - BASE_LINES);
  const loadSeconds = (performance.now() - loading) / 1000;
  // On SQLite the load held this process's event loop for minutes, gateway included: every kept-alive socket
  // has outlived the gateway's keep-alive timeout, and both ends close them the moment the loop runs again.
  gateway.agent.destroy();
  await new Promise((resolve) => setTimeout(resolve, 100));
  const plan = await explainStatementFeed(store, BENCH_IBAN, BENCH_ORG, Math.floor(growthTo / 2), 51);
  await closedLoop(viewer, BENCH_IBAN, growthTo, Math.min(1, seconds), 1);
  const large = await closedLoop(viewer, BENCH_IBAN, growthTo, Math.max(1, seconds / 2), 1);
  const growth = round(percentile(large.latencies, 50) / percentile(small.latencies, 50), 2);
  emit({
    figure: `server.statements.sync.${kind}.growth`,
    unit: 'ratio',
    value: growth,
    goal: `p50 latency at ${growthTo.toLocaleString('en')} stored lines within 2x of that at ${BASE_LINES.toLocaleString('en')}`,
    met: growth <= 2,
    details: {
      p50MsSmall: round(percentile(small.latencies, 50), 2),
      p50MsLarge: round(percentile(large.latencies, 50), 2),
      p99MsSmall: round(percentile(small.latencies, 99), 2),
      p99MsLarge: round(percentile(large.latencies, 99), 2),
      storedSmall: BASE_LINES,
      storedLarge: growthTo,
      loadSeconds: round(loadSeconds),
      indexed: plan.indexed,
      plan: plan.steps.join(' | '),
    },
    loadAverage1m: load(),
  });
}

/**
 * `coffer bench --server`: a real gateway on loopback over a fresh store, on SQLite and, when a database is
 * given, on PostgreSQL: verified payment submissions per second against the raw verifications of the
 * signatures each carries; signed statement syncs per second, p99 at half that rate, and how a sync's latency
 * grows with the lines stored. The load generator runs in a worker thread of this process (`clients`), so
 * it no longer shares the gateway's event loop, but still shares the machine's cores with it.
 */
export async function benchServer(emit: (figure: ServerBenchFigure) => void, options: ServerBenchOptions = {}): Promise<void> {
  const seconds = options.seconds ?? (options.quick ? 2 : 10);
  const growthTo = Math.max(BASE_LINES * 2, options.growthTo ?? (options.quick ? 50_000 : 10_000_000));
  const rawMs = options.quick ? 300 : 1000;
  const raw = rawVerificationsPerSecond(rawMs);
  emit({ figure: 'server.ed25519.verify', unit: 'verifications/s', value: round(raw, 0), details: { note: 'one thread: a request signature, the baseline of the statement sync' }, loadAverage1m: load() });
  const rawSubmission = rawSubmissionVerificationsPerSecond(rawMs);
  emit({ figure: 'server.payments.verify.raw', unit: 'submissions/s', value: round(rawSubmission, 0), details: { note: 'one thread: an Ed25519 request signature and an ECDSA P-256 approval verified, the baseline of the submissions' }, loadAverage1m: load() });
  const stores: ('sqlite' | 'postgres')[] = options.databaseUrl ? ['sqlite', 'postgres'] : ['sqlite'];
  const kinds = stores.filter((kind) => options.only === undefined || options.only === kind);
  const thread = options.clients === 'inProcess' ? undefined : startBenchLoadThread();
  const clients: BenchLoad = thread ?? inProcess;
  try {
    for (const kind of kinds) await benchStore(emit, clients, kind, options.databaseUrl, seconds, growthTo, raw, rawSubmission, kind === 'postgres' ? (options.gatewayProcesses ?? 1) : 1);
  } finally {
    await thread?.close();
  }
}

async function benchStore(emit: (figure: ServerBenchFigure) => void, clients: BenchLoad, kind: 'sqlite' | 'postgres', databaseUrl: string | undefined, seconds: number, growthTo: number, raw: number, rawSubmission: number, gatewayProcesses: number): Promise<void> {
  const { store, schema, dispose } = await openBenchStore(kind, databaseUrl);
  try {
    const gateway = await startBenchGateway(store);
    // The further processes share the load's connections out: each pool about its share of the clients.
    const further =
      gatewayProcesses > 1 && databaseUrl !== undefined && schema !== undefined
        ? await startBenchGatewayProcesses(gatewayProcesses - 1, { databaseUrl, schema, poolSize: Math.max(4, Math.ceil(CONCURRENCY / gatewayProcesses)), rateLimit: BENCH_RATE_LIMIT })
        : undefined;
    gateway.bases.push(...(further?.bases ?? []));
    try {
      await benchPayments(emit, clients, kind, store, gateway, seconds, rawSubmission);
      await benchStatements(emit, clients, kind, store, gateway, seconds, growthTo, raw);
    } finally {
      await further?.close();
      await gateway.close();
    }
  } finally {
    await dispose();
  }
}

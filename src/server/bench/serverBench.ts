import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { EnrolmentResponse, type BenchFigure } from '../../contract/index.js';
import { ed25519Sign, ed25519Verify, generateEd25519KeyPair, randomId, type Ed25519KeyPair } from '../../crypto/index.js';
import { addAccount } from '../bank/addAccount.js';
import { addUser } from '../bank/addUser.js';
import { createOrganisation } from '../bank/createOrganisation.js';
import { createActivationCode } from '../enrolment/createActivationCode.js';
import { buildGateway } from '../http/buildGateway.js';
import { ENROLMENT_KEY_ID, signGatewayRequest } from '../../protocol/index.js';
import { bookStatementEntries } from '../statements/bookStatementEntries.js';
import { openStore, type GatewayStore } from '../store/openStore.js';
import type { StatementEntryTable } from '../store/storeSchema.js';

/** One line of `coffer bench --server`: the app's figure shape, with the load average beside it. */
export type ServerBenchFigure = BenchFigure;

export interface ServerBenchOptions {
  /** PostgreSQL to measure beside the embedded SQLite store (a fresh schema, dropped afterwards). */
  databaseUrl?: string;
  /** Seconds per load phase. */
  seconds?: number;
  /** Stored lines for the last point of the growth curve. */
  growthTo?: number;
  quick?: boolean;
}

const IBAN = 'DE89370400440532013000';
const CONCURRENCY = 16;
const PAGE = 50;
const round = (value: number, digits = 1) => Number(value.toFixed(digits));

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0);
}

function lines(from: number, count: number): StatementEntryTable[] {
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    const day = `2026-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
    return { iban: IBAN, entry_ref: `BENCH-${n}`, booking_date: day, value_date: day, amount_minor: ((n * 7919) % 200_000) - 100_000, currency: 'EUR', counterparty_name: 'Kiosk am Markt', counterparty_iban: null, remittance: `Invoice ${n}` };
  });
}

async function book(store: GatewayStore, from: number, count: number): Promise<void> {
  const CHUNK = 20_000;
  for (let at = 0; at < count; at += CHUNK) {
    const part = lines(from + at, Math.min(CHUNK, count - at));
    await store.db.transaction().execute((trx) => bookStatementEntries(trx, store.dialect, part));
  }
  // What autovacuum does some time after a bulk load: without fresh statistics the planner may scan.
  if (store.dialect === 'postgres') await sql`ANALYZE statement_feed, statement_entries`.execute(store.db);
}

interface Client {
  base: string;
  agent: Agent;
  deviceId: string;
  key: Ed25519KeyPair;
}

function send(client: Client, method: string, pathAndQuery: string, headers: Record<string, string>, body?: Uint8Array): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${client.base}${pathAndQuery}`, { method, headers, agent: client.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** One signed statement sync from a random cursor; its latency in ms, or a thrown error for a non-200. */
async function syncOnce(client: Client, stored: number): Promise<number> {
  const after = Math.floor(Math.random() * Math.max(1, stored - PAGE));
  const pathAndQuery = `/v1/statements?account=${IBAN}&after=${after}&limit=${PAGE}`;
  const started = performance.now();
  const headers = await signGatewayRequest({ method: 'GET', url: `${client.base}${pathAndQuery}`, keyId: client.deviceId, seed: client.key.seed });
  const answer = await send(client, 'GET', pathAndQuery, headers);
  if (answer.status !== 200) throw new Error(`expected 200 from the gateway, found ${answer.status}: ${answer.body.slice(0, 200)}`);
  return performance.now() - started;
}

/** Closed loop: `concurrency` clients back to back for `seconds`. */
async function closedLoop(client: Client, stored: number, seconds: number, concurrency: number): Promise<{ rate: number; latencies: number[] }> {
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) latencies.push(await syncOnce(client, stored));
    }),
  );
  return { rate: latencies.length / ((performance.now() - started) / 1000), latencies: latencies.sort((a, b) => a - b) };
}

/** Open loop: requests started at a fixed rate for `seconds`, whatever the answers' pace (no coordinated omission). */
async function openLoop(client: Client, stored: number, seconds: number, rate: number): Promise<{ rate: number; latencies: number[] }> {
  const latencies: number[] = [];
  const total = Math.max(1, Math.floor(rate * seconds));
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const sent = performance.now();
    pending.push(syncOnce(client, stored).then((ms) => void latencies.push(ms + (sent - due > 0 ? sent - due : 0))));
  }
  await Promise.all(pending);
  return { rate: total / ((performance.now() - started) / 1000), latencies: latencies.sort((a, b) => a - b) };
}

/** Raw Ed25519 verifications per second on this thread: the work every signed request needs at least once. */
function rawVerificationsPerSecond(ms: number): number {
  const key = generateEd25519KeyPair();
  const message = new TextEncoder().encode('"@method": GET\n"@path": /v1/statements\n"@signature-params": ("@method" "@path")');
  const signature = ed25519Sign(key.seed, message);
  let count = 0;
  const started = performance.now();
  while (performance.now() - started < ms) {
    for (let i = 0; i < 100; i++) ed25519Verify(key.publicKey, message, signature);
    count += 100;
  }
  return count / ((performance.now() - started) / 1000);
}

async function setUp(store: GatewayStore): Promise<{ client: Client; close: () => Promise<void> }> {
  const now = Date.now();
  await createOrganisation(store, 'bench', { orgId: 'bench', name: 'Bench GmbH' }, now);
  await addUser(store, 'bench', { orgId: 'bench', userId: 'ben', name: 'Ben', roles: ['viewer'] }, now);
  await addAccount(store, 'bench', { orgId: 'bench', iban: IBAN, currency: 'EUR', name: 'Operating' }, now);
  const { code } = await createActivationCode(store, 'bench', { orgId: 'bench', userId: 'ben' }, now);
  // Every request of the run comes from one address: the limit is lifted so the gateway, not the limiter, is measured.
  const app = await buildGateway({ store, log: false, rateLimit: { max: 1_000_000_000, windowMs: 60_000 } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('expected a TCP address');
  const base = `http://127.0.0.1:${address.port}`;
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY * 4 });
  const key = generateEd25519KeyPair();
  const body = new TextEncoder().encode(JSON.stringify({ activationCode: code, devicePublicKey: key.publicKey.toString('base64url'), vaultId: 'bench-vault' }));
  const headers = await signGatewayRequest({ method: 'POST', url: `${base}/v1/enrolments`, body, keyId: ENROLMENT_KEY_ID, seed: key.seed });
  const enrolled = await send({ base, agent, deviceId: '', key }, 'POST', '/v1/enrolments', { ...headers, 'content-type': 'application/json' }, body);
  if (enrolled.status !== 201) throw new Error(`expected enrolment, found ${enrolled.status}: ${enrolled.body.slice(0, 200)}`);
  const { deviceId } = EnrolmentResponse.parse(JSON.parse(enrolled.body));
  return {
    client: { base, agent, deviceId, key },
    close: async () => {
      agent.destroy();
      await app.close();
    },
  };
}

async function openBenchStore(kind: 'sqlite' | 'postgres', databaseUrl: string | undefined): Promise<{ store: GatewayStore; dispose: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'coffer-bench-gateway-'));
    const store = await openStore({ dataDir: dir });
    return { store, dispose: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })) };
  }
  const schema = `bench_${randomId().replaceAll('-', '').slice(0, 20)}`;
  const store = await openStore({ databaseUrl, schema });
  return {
    store,
    dispose: async () => {
      await sql.raw(`DROP SCHEMA ${schema} CASCADE`).execute(store.db);
      await store.close();
    },
  };
}

/**
 * `coffer bench --server`: signed statement syncs per second against a real gateway over loopback, with its
 * p99 at half that load, and how a sync's latency grows with the lines stored; on SQLite, and on
 * PostgreSQL when a database is given. The load generator signs every request afresh in this process, so
 * it shares the machine's cores with the gateway: the figures are the gateway and its client together.
 */
export async function benchServer(emit: (figure: ServerBenchFigure) => void, options: ServerBenchOptions = {}): Promise<void> {
  const seconds = options.seconds ?? (options.quick ? 2 : 10);
  const growthTo = options.growthTo ?? (options.quick ? 50_000 : 1_000_000);
  const load = () => round(loadavg()[0] ?? 0, 2);
  const raw = rawVerificationsPerSecond(options.quick ? 300 : 1000);
  emit({ figure: 'server.ed25519.verify', unit: 'verifications/s', value: round(raw, 0), details: { note: 'one thread, the baseline of the ratios below' }, loadAverage1m: load() });
  const kinds: ('sqlite' | 'postgres')[] = options.databaseUrl ? ['sqlite', 'postgres'] : ['sqlite'];
  for (const kind of kinds) {
    const { store, dispose } = await openBenchStore(kind, options.databaseUrl);
    try {
      const base = 10_000;
      const { client, close } = await setUp(store);
      try {
        await book(store, 0, base);
        await closedLoop(client, base, Math.min(1, seconds), CONCURRENCY);
        const max = await closedLoop(client, base, seconds, CONCURRENCY);
        const ratio = round(max.rate / raw, 3);
        emit({
          figure: `server.statements.sync.${kind}`,
          unit: 'requests/s',
          value: round(max.rate, 0),
          baseline: { name: 'server.ed25519.verify', value: round(raw, 0) },
          ratio,
          ...(kind === 'postgres' ? { goal: '>= 1000 requests/s', met: max.rate >= 1000 } : {}),
          details: { concurrency: CONCURRENCY, pageSize: PAGE, storedLines: base, seconds, p50Ms: round(percentile(max.latencies, 50)), p99Ms: round(percentile(max.latencies, 99)) },
          loadAverage1m: load(),
        });
        const half = await openLoop(client, base, seconds, max.rate / 2);
        const p99 = percentile(half.latencies, 99);
        emit({
          figure: `server.statements.sync.${kind}.halfLoad.p99`,
          unit: 'ms',
          value: round(p99),
          ...(kind === 'postgres' ? { goal: 'p99 < 50 ms at half the maximum rate', met: p99 < 50 } : {}),
          details: { rate: round(half.rate, 0), p50Ms: round(percentile(half.latencies, 50)), requests: half.latencies.length },
          loadAverage1m: load(),
        });
        const small = await closedLoop(client, base, Math.max(1, seconds / 2), 1);
        await book(store, base, growthTo - base);
        const large = await closedLoop(client, growthTo, Math.max(1, seconds / 2), 1);
        const growth = round(percentile(large.latencies, 50) / percentile(small.latencies, 50), 2);
        emit({
          figure: `server.statements.sync.${kind}.growth`,
          unit: 'ratio',
          value: growth,
          goal: `p50 latency at ${growthTo.toLocaleString('en')} stored lines within 2x of that at ${base.toLocaleString('en')}`,
          met: growth <= 2,
          details: { p50MsSmall: round(percentile(small.latencies, 50), 2), p50MsLarge: round(percentile(large.latencies, 50), 2), storedSmall: base, storedLarge: growthTo },
          loadAverage1m: load(),
        });
      } finally {
        await close();
      }
    } finally {
      await dispose();
    }
  }
}

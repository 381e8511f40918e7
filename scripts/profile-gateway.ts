/**
 * Profiles one phase of `coffer bench --server` at a time (docs/benchmarks.md, "The bank gateway"):
 *   npx tsx scripts/profile-gateway.ts sync|submit sqlite|postgres [seconds] [--cpu-prof FILE] [--clients-in-process]
 * Prints the phase's rate, p50/p99, the process's CPU time per request (all threads: gateway and clients) and
 * the gateway thread's alone (Linux: /proc/self/task/<pid>/stat; the clients run in a worker thread unless
 * --clients-in-process), against the wall time; with --cpu-prof writes a .cpuprofile of the measured window
 * (the gateway thread) only.
 * PostgreSQL comes from COFFER_POSTGRES_URL or DATABASE_URL.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Session } from 'node:inspector/promises';
import { bookBenchLines } from '../src/server/bench/bookBenchLines.js';
import { percentile, round } from '../src/server/bench/benchClient.js';
import { preparePaymentLoad, submitPayments } from '../src/server/bench/benchPayments.js';
import { BENCH_IBAN, BENCH_ORG, openBenchStore, startBenchGateway } from '../src/server/bench/serverBench.js';
import { closedLoop as closedLoopHere } from '../src/server/bench/statementLoad.js';
import { startBenchLoadThread } from '../src/server/bench/benchLoadWorker.js';

const [phase = 'sync', kind = 'sqlite', secondsText = '5'] = process.argv.slice(2).filter((arg, i, all) => !arg.startsWith('--') && all[i - 1] !== '--cpu-prof');
const profileAt = process.argv.indexOf('--cpu-prof');
const profileFile = profileAt > 0 ? process.argv[profileAt + 1] : undefined;
const seconds = Number(secondsText);
// --clients-in-process: the load generator on the gateway's thread, as the bench had it before.
const thread = process.argv.includes('--clients-in-process') ? undefined : startBenchLoadThread();
const closedLoop = thread?.closedLoop ?? closedLoopHere;
const submit = thread?.submitPayments ?? submitPayments;
if (kind !== 'sqlite' && kind !== 'postgres') throw new Error(`expected sqlite or postgres, found ${kind}`);

const { store, dispose } = await openBenchStore(kind, process.env.COFFER_POSTGRES_URL ?? process.env.DATABASE_URL);
const gateway = await startBenchGateway(store);
let run: () => Promise<{ count: number; latencies: number[] }>;
if (phase === 'sync') {
  await bookBenchLines(store, BENCH_IBAN, 0, 10_000);
  await closedLoop(gateway.viewer, BENCH_IBAN, 10_000, 1, 16);
  run = async () => {
    const result = await closedLoop(gateway.viewer, BENCH_IBAN, 10_000, seconds, 16);
    return { count: result.latencies.length, latencies: result.latencies };
  };
} else {
  const load = await preparePaymentLoad(store, gateway.base, gateway.agent, BENCH_ORG, BENCH_IBAN, 16, Math.ceil(((seconds + 1) * 600) / 16));
  await submit(load, 1);
  run = async () => {
    const result = await submit(load, seconds);
    return { count: result.accepted, latencies: result.latencies };
  };
}
/**
 * CPU milliseconds of the process's main thread, where the gateway runs (utime + stime of its task, in clock
 * ticks of 10 ms: proc(5)); undefined where /proc is not.
 */
function gatewayThreadCpuMs(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th of them.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

const session = new Session();
if (profileFile) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
}
const loadBefore = round(loadavg()[0] ?? 0, 2);
const cpu = process.cpuUsage();
const gatewayCpuBefore = gatewayThreadCpuMs();
const started = performance.now();
const { count, latencies } = await run();
const wallMs = performance.now() - started;
const used = process.cpuUsage(cpu);
const gatewayCpuAfter = gatewayThreadCpuMs();
if (profileFile) {
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(profileFile, JSON.stringify(profile));
}
console.log(
  JSON.stringify({
    phase,
    kind,
    rate: round(count / (wallMs / 1000), 0),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    cpuPerRequestMs: round((used.user + used.system) / 1000 / count, 2),
    cpuShareOfWall: round((used.user + used.system) / 1000 / wallMs, 2),
    ...(gatewayCpuBefore !== undefined && gatewayCpuAfter !== undefined
      ? { gatewayThreadCpuPerRequestMs: round((gatewayCpuAfter - gatewayCpuBefore) / count, 2), gatewayThreadShareOfWall: round((gatewayCpuAfter - gatewayCpuBefore) / wallMs, 2) }
      : {}),
    clients: thread ? 'worker thread' : 'gateway thread',
    load: [loadBefore, round(loadavg()[0] ?? 0, 2)],
  }),
);
await thread?.close();
await gateway.close();
await dispose();

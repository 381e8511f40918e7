import { loadavg } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { generateCamt053, parseStatementFile } from '../../domain/index.js';
import { createVault, PBKDF2_MIN_ITERATIONS, unlockVault, type UnlockedVault } from '../../vault/index.js';
import { bookingWriter } from '../commands/records/bookingRecords.js';
import { seedDemo } from '../demo/seedDemo.js';
import { dispatch } from '../dispatch/dispatch.js';
import { openSession } from '../dispatch/openSession.js';
import { round, timeMs, timeMsAsync, type FigureSink } from './benchFigure.js';
import { stopLoopMonitor } from './stopLoopMonitor.js';

const PASSWORD = 'benchmark password, not a secret';
/** The demo's EUR operating account: the generated statement is its day. */
const ACCOUNT = 'DE89370400440532013000';
const MiB = 1024 * 1024;

/** A generated day-end camt.053 of `entries` entries for the demo's EUR account, as bytes. */
function benchStatement(entries: number, day = '2025-03-03'): Uint8Array {
  return new TextEncoder().encode(generateCamt053(entries, { day, iban: ACCOUNT }).xml);
}

/** The demo organisation in a new vault: an account to book on, and alice, whose role may import. */
async function demoVault(dir: string): Promise<UnlockedVault> {
  const { vault } = await createVault(dir, PASSWORD, { iterations: PBKDF2_MIN_ITERATIONS, autoLockMs: null });
  await seedDemo(vault, { user: 'alice', bookingsPerAccount: 12 });
  vault.lock();
  // Opened again, as alice: the seed hands the vault to her.
  return unlockVault(dir, { password: PASSWORD }, { autoLockMs: null });
}

/**
 * The process's peak resident memory while `run` runs, sampled every 5 ms from a worker thread (the
 * import holds the main thread, and the process-wide maxRSS may already be higher from earlier figures).
 */
async function peakRss<T>(run: () => Promise<T>): Promise<{ value: T; peakBytes: number }> {
  const sampler = new Worker(
    `const { parentPort } = require('node:worker_threads');
     let peak = process.memoryUsage.rss();
     const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 5);
     parentPort.on('message', () => { clearInterval(timer); parentPort.postMessage(Math.max(peak, process.memoryUsage.rss())); });`,
    { eval: true },
  );
  await new Promise((resolve) => sampler.once('online', resolve));
  const value = await run();
  const peakBytes = await new Promise<number>((resolve) => {
    sampler.once('message', resolve);
    sampler.postMessage('stop');
  });
  await sampler.terminate();
  return { value, peakBytes };
}

/**
 * `statements.import` end to end: a generated camt.053 of `entries` entries booked into an encrypted demo
 * vault through the real command (parse, identities, reconciliation, de-duplication against the account,
 * authorisation, inserts, audit entry). Baseline: the same rows, already parsed, inserted into another
 * demo vault through the same writer in one transaction: what storing them costs without reading a file.
 */
export async function benchImport(dir: string, entries: number, emit: FigureSink): Promise<void> {
  const bytes = benchStatement(entries);
  const vault = await demoVault(join(dir, 'import-vault'));
  const plain = await demoVault(join(dir, 'import-baseline-vault'));
  try {
    // A running app has a warm JIT: one small import of another day first.
    await dispatch(await openSession(vault), 'statements.import', { file: { name: 'warm-up.xml', bytes: benchStatement(2000, '2025-03-02') } });
    const session = await openSession(vault);
    const load = loadavg()[0] ?? 0;
    const rssBefore = process.memoryUsage.rss();
    const cpu = process.cpuUsage();
    let importMs = 0;
    // Sampled every 10 ms, as for audit.verify: a stretch that holds the loop longer shows as one long delay.
    const loop = monitorEventLoopDelay({ resolution: 10 });
    const phases = { readMs: 0, writeMs: 0 };
    const { value: result, peakBytes } = await peakRss(async () => {
      let answer: Awaited<ReturnType<typeof dispatch<'statements.import'>>> | undefined;
      const started = performance.now();
      // Reading reports entries taken over from the worker; the write phase starts again at 0 of the bookings to make.
      const onProgress = ({ done }: { done: number }) => {
        if (done === 0 && phases.readMs === 0) phases.readMs = performance.now() - started;
      };
      loop.enable();
      importMs = await timeMsAsync(async () => (answer = await dispatch(session, 'statements.import', { file: { name: 'bench.xml', bytes } }, { onProgress })));
      await stopLoopMonitor(loop);
      phases.writeMs = importMs - phases.readMs;
      return answer;
    });
    const used = process.cpuUsage(cpu);
    if (!result?.ok) throw new Error(`the benchmark import failed: ${result?.error.code} ${result?.error.message}`);
    if (result.value.imported !== entries || result.value.statements[0]?.reconciliation.status !== 'reconciled') throw new Error('the benchmark import booked another count or did not reconcile');

    const parsed = (await parseStatementFile(bytes)).statements[0]?.entries ?? [];
    const accountId = plain.db.prepare('SELECT id FROM accounts WHERE iban = ?').pluck().get(ACCOUNT) as string;
    const book = bookingWriter(plain.db);
    const source = { statementRecordId: null, format: 'camt.053.001.08', file: 'bench.xml' };
    const baselineMs = timeMs(() => plain.db.transaction(() => parsed.forEach((entry) => book(accountId, entry, source)))());

    const perSecond = Math.round((entries / importMs) * 1000);
    emit({
      figure: 'statements.import.camt053',
      unit: 'entries/s',
      value: perSecond,
      baseline: { name: 'same rows inserted, already parsed (entries/s)', value: Math.round((entries / baselineMs) * 1000) },
      ratio: round(baselineMs / importMs),
      goal: 'value >= 20000',
      met: perSecond >= 20_000,
      details: {
        entries, fileMiB: round(bytes.length / MiB, 1), wallMs: round(importMs, 0), cpuMs: round((used.user + used.system) / 1000, 0),
        peakRssDeltaMiB: round((peakBytes - rssBefore) / MiB, 0), rssBeforeMiB: round(rssBefore / MiB, 0), loadAverage1m: round(load, 2), encrypted: true,
      },
    });
    const p99 = loop.percentile(99) / 1e6;
    emit({
      figure: 'statements.import.eventLoop.p99',
      unit: 'ms',
      value: round(p99, 1),
      goal: 'value <= 50',
      met: p99 <= 50,
      details: {
        entries, maxMs: round(loop.max / 1e6, 1), meanMs: round(loop.mean / 1e6, 1), samples: loop.count, wallMs: round(importMs, 0),
        // Up to the first progress report of the write phase (reading in a worker, decoding, matching, de-duplication).
        untilWritingMs: round(phases.readMs, 0), thread: 'the dispatching one; the file is read in a statements.read worker',
        loadAverage1mBefore: round(load, 2),
      },
    });
  } finally {
    vault.lock();
    plain.lock();
  }
}

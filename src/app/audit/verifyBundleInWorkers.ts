import { availableParallelism } from 'node:os';
import {
  AuditError,
  DEFAULT_RANGE_SIZE,
  hashEntryRangeSteps,
  verifyBundleInRanges,
  type PackedEntries,
  type RangeHashes,
  type VerifiedBundle,
  type VerifyBundleOptions,
} from '../../audit/index.js';
import { cancelled, startWorker, type JobWorker } from '../workers/startWorker.js';
import { fromWireError } from '../workers/wireError.js';

/**
 * Below this many entries the entries are hashed on the calling thread, range by range with a pause between
 * ranges: starting a worker thread costs more than hashing a small log (20,000 entries took 3.7 s on workers
 * against 0.46 s in place on the loaded development machine).
 */
export const IN_THREAD_BELOW_ENTRIES = 1 << 16;

/**
 * Ranges waiting on a worker before this thread hashes the next one itself: enough that a worker never
 * runs dry while this thread hashes a range (about 20 ms of work at the default range size).
 */
const WORKER_QUEUE = 4;

/** Entries this thread hashes between two turns of its event loop: about 5 ms. */
const HERE_STEP = 2048;

export interface VerifyBundleInWorkersOptions extends VerifyBundleOptions {
  /** Cancels the verification: the workers are terminated and it is refused with APP_CANCELLED. */
  signal?: AbortSignal;
  /**
   * Worker threads at most: one per core but one by default, since this thread hashes ranges too whenever
   * the workers have enough queued; none for a log below IN_THREAD_BELOW_ENTRIES.
   */
  workers?: number;
  /** Entries per range handed to a worker (a power of two); see verifyBundleInRanges. */
  rangeSize?: number;
  /** Ranges waiting on every worker before this thread hashes one itself (WORKER_QUEUE); 0 hashes all here while it can. */
  queuePerWorker?: number;
}

/**
 * Verifies a bundle (as parsed from JSON) with its entries checked and hashed on worker threads, one per
 * core but one, and on this thread, in ranges merged here (src/audit `verifyBundleInRanges`): the same checks and findings as
 * `verifyBundle`. This thread decodes each range's text, and hashes a range itself whenever every worker has
 * WORKER_QUEUE ranges waiting, so that the threads at work do not outnumber the cores; its event loop runs
 * between ranges. A log of one range costs one thread.
 */
export async function verifyBundleInWorkers(input: unknown, options: VerifyBundleInWorkersOptions = {}): Promise<VerifiedBundle> {
  const { signal, workers: most = defaultWorkers(input), queuePerWorker = WORKER_QUEUE, ...verifyOptions } = options;
  if (signal?.aborted) throw cancelled('audit.verify');
  const pause = () => new Promise<void>((resolve) => setImmediate(resolve));
  if (most === 0) {
    return verifyBundleInRanges(
      input,
      (packed) => hashInSteps(packed, pause, () => signal?.aborted === true),
      { ...verifyOptions, inFlight: 1, pause },
    );
  }
  // Every worker the ranges can use is started now, before this thread reads the first entry: starting one
  // (a thread, its isolate, the audit layer's modules) takes longer than packing the first ranges for it.
  const workers = Array.from({ length: Math.min(Math.max(1, most), rangesOf(input, verifyOptions.rangeSize)) }, () => startWorker('audit.hashRange'));
  const busy = workers.map(() => 0);
  let hashingHere = false;
  let stopped = false;
  const cancel = () => {
    stopped = true;
    for (const worker of workers) void worker.terminate(cancelled('audit.verify'));
  };
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    return await verifyBundleInRanges(
      input,
      async (packed) => {
        if (stopped) throw cancelled('audit.verify');
        const pick = busy.indexOf(Math.min(...busy));
        // Every worker has enough waiting: this range is hashed here, now, rather than queued behind them.
        if ((busy[pick] ?? 0) >= queuePerWorker && !hashingHere) {
          hashingHere = true;
          try {
            return await hashInSteps(packed, pause, () => stopped);
          } finally {
            hashingHere = false;
          }
        }
        busy[pick] = (busy[pick] ?? 0) + 1;
        try {
          const range = await (workers[pick] as JobWorker<'audit.hashRange'>).run(packed, { transfer: [packed.ends.buffer as ArrayBuffer] });
          return { ...range, failure: range.failure === undefined ? undefined : asAuditError(fromWireError(range.failure)) };
        } finally {
          busy[pick] = (busy[pick] ?? 1) - 1;
        }
      },
      // Between ranges this thread's timers and I/O run.
      { ...verifyOptions, inFlight: 2 * Math.max(1, queuePerWorker) * workers.length, pause },
    );
  } finally {
    signal?.removeEventListener('abort', cancel);
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/**
 * A range hashed on this thread, HERE_STEP entries at a time with `pause` between, so that its event loop
 * runs every few milliseconds.
 */
async function hashInSteps(packed: PackedEntries, pause: () => Promise<void>, isCancelled: () => boolean): Promise<RangeHashes> {
  const steps = hashEntryRangeSteps(packed, HERE_STEP);
  for (;;) {
    if (isCancelled()) throw cancelled('audit.verify');
    const next = steps.next();
    if (next.done === true) return next.value;
    await pause();
  }
}

/** Ranges the bundle's entries make (at least one, which also answers a bundle without a list of entries). */
function rangesOf(input: unknown, rangeSize = DEFAULT_RANGE_SIZE): number {
  const entries = (input as { entries?: unknown } | null)?.entries;
  return Array.isArray(entries) ? Math.max(1, Math.ceil(entries.length / rangeSize)) : 1;
}

function defaultWorkers(input: unknown): number {
  const entries = (input as { entries?: unknown } | null)?.entries;
  return Array.isArray(entries) && entries.length < IN_THREAD_BELOW_ENTRIES ? 0 : Math.max(1, availableParallelism() - 1);
}

function asAuditError(error: Error): AuditError {
  return error instanceof AuditError ? error : new AuditError('AUDIT_BAD_BUNDLE', error.message, { cause: error });
}

import { runInWorker } from '../workers/startWorker.js';
import type { FigureSink } from './benchFigure.js';
import type { BenchOptions } from './benchOptions.js';

/**
 * `coffer bench`: every benchmark in a worker thread, each figure handed to `emit` as it is measured, so the
 * caller's event loop stays free (and the figures are what a worker-thread job measures).
 */
export async function runBenchmarksInWorker(emit: FigureSink, options: BenchOptions & { signal?: AbortSignal } = {}): Promise<void> {
  const { signal, ...request } = options;
  await runInWorker('bench.run', request, { onEvent: emit, ...(signal ? { signal } : {}) });
}

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BenchDevice } from './benchClient.js';
import type { PaymentLoad, PaymentRun } from './benchPayments.js';
import type { LoadRun } from './statementLoad.js';

/** A device as a worker thread gets it: no agent (each thread keeps its own sockets). */
interface WireDevice {
  base: string;
  bases?: readonly string[];
  deviceId: string;
  seed: Uint8Array;
}

export type BenchLoadJob =
  | { kind: 'closed'; device: WireDevice; iban: string; stored: number; seconds: number; concurrency: number }
  | { kind: 'open'; device: WireDevice; iban: string; stored: number; seconds: number; rate: number }
  | { kind: 'submit'; device: WireDevice; queues: PaymentLoad['queues']; seconds: number };

export type BenchLoadResult = LoadRun | (PaymentRun & { taken: number[] });

/** The load generator in a thread of its own: the same loops as statementLoad.ts and benchPayments.ts. */
export interface BenchLoadThread {
  closedLoop(device: BenchDevice, iban: string, stored: number, seconds: number, concurrency: number): Promise<LoadRun>;
  openLoop(device: BenchDevice, iban: string, stored: number, seconds: number, rate: number): Promise<LoadRun>;
  /** Takes what it sent off `load`'s queues, as the in-process loop does. */
  submitPayments(load: PaymentLoad, seconds: number): Promise<PaymentRun>;
  close(): Promise<void>;
}

const wire = (device: BenchDevice): WireDevice => ({ base: device.base, ...(device.bases ? { bases: [...device.bases] } : {}), deviceId: device.deviceId, seed: new Uint8Array(device.key.seed) });

function startWorker(): Worker {
  const here = import.meta.url;
  // Bundled (bin/coffer): the entry was built beside the bundle as benchLoad.worker.mjs.
  if (!here.endsWith('.ts')) return new Worker(new URL('./benchLoad.worker.mjs', here));
  // From the sources (tests, tsx): tsx's loader is registered inside the new thread before the entry loads.
  const manifest = createRequire(here).resolve('tsx/package.json');
  const exportsMap = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports;
  const api = new URL(exportsMap['./esm/api']?.import.default ?? './dist/esm/api/index.mjs', pathToFileURL(manifest)).href;
  const script = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./benchLoad.worker.ts', here).href)}); });`;
  return new Worker(script, { eval: true });
}

/** Starts the load generator's thread; one job at a time. */
export function startBenchLoadThread(): BenchLoadThread {
  const worker = startWorker();
  let failed: Error | undefined;
  worker.on('error', (error) => void (failed = error));
  const run = (job: BenchLoadJob): Promise<BenchLoadResult> =>
    new Promise((resolve, reject) => {
      if (failed) return reject(failed);
      const onError = (error: Error) => reject(error);
      worker.once('error', onError);
      worker.once('message', (answer: { ok: true; result: BenchLoadResult } | { ok: false; message: string }) => {
        worker.off('error', onError);
        if (answer.ok) resolve(answer.result);
        else reject(new Error(answer.message));
      });
      worker.postMessage(job);
    });
  return {
    closedLoop: async (device, iban, stored, seconds, concurrency) => (await run({ kind: 'closed', device: wire(device), iban, stored, seconds, concurrency })) as LoadRun,
    openLoop: async (device, iban, stored, seconds, rate) => (await run({ kind: 'open', device: wire(device), iban, stored, seconds, rate })) as LoadRun,
    async submitPayments(load, seconds) {
      const { taken, ...result } = (await run({ kind: 'submit', device: wire(load.maker), queues: load.queues, seconds })) as PaymentRun & { taken: number[] };
      load.queues.forEach((queue, i) => queue.splice(0, taken[i] ?? 0));
      return result;
    },
    close: async () => void (await worker.terminate()),
  };
}

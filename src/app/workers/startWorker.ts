import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CofferError } from '../../contract/index.js';
import { fromWireError } from './wireError.js';
import { WORKER_ENTRIES, type FromWorker, type ToWorker, type WorkerJobName, type WorkerJobs } from './workerJobs.js';

export interface WorkerRunOptions<Name extends WorkerJobName> {
  onProgress?: (progress: { done: number; total: number }) => void;
  onEvent?: (event: WorkerJobs[Name]['event']) => void;
  /** Buffers of the request to move to the worker instead of copying; unusable here afterwards. */
  transfer?: ArrayBuffer[];
}

/** A worker thread that runs job `Name`, one request after another, until terminated. */
export interface JobWorker<Name extends WorkerJobName> {
  run(request: WorkerJobs[Name]['request'], options?: WorkerRunOptions<Name>): Promise<WorkerJobs[Name]['result']>;
  /** Stops the thread at once; runs still waiting are refused with `reason`. */
  terminate(reason?: CofferError): Promise<void>;
}

interface Pending<Name extends WorkerJobName> {
  resolve(result: WorkerJobs[Name]['result']): void;
  reject(error: CofferError): void;
  options: WorkerRunOptions<Name>;
}

/**
 * Starts a worker thread for job `name`. From a bundled build (bin/coffer writes every `*.worker.ts` entry
 * beside `coffer.mjs`) it loads the sibling `.mjs`; from the TypeScript sources (tests, `tsx`) it loads the
 * `.ts` entry through tsx's loader, registered in the new thread only.
 */
export function startWorker<Name extends WorkerJobName>(name: Name): JobWorker<Name> {
  const worker = workerFor(WORKER_ENTRIES[name]);
  const pending = new Map<number, Pending<Name>>();
  let nextId = 0;
  let ended: CofferError | undefined;
  const endAll = (error: CofferError) => {
    ended ??= error;
    for (const run of pending.values()) run.reject(ended);
    pending.clear();
  };
  worker.on('message', (message: FromWorker<Name>) => {
    const run = pending.get(message.id);
    if (run === undefined) return;
    if (message.type === 'progress') run.options.onProgress?.({ done: message.done, total: message.total });
    else if (message.type === 'event') run.options.onEvent?.(message.event);
    else {
      pending.delete(message.id);
      if (message.type === 'result') run.resolve(message.result);
      else run.reject(fromWireError(message.error));
    }
  });
  // A thread that dies (out of memory, a bug in a dependency) refuses what it was given, nothing more.
  worker.on('error', (error) => endAll(new CofferError('APP_INTERNAL', `the ${name} worker failed`, { cause: error })));
  worker.on('exit', () => endAll(new CofferError('APP_INTERNAL', `the ${name} worker stopped`)));
  return {
    run(request, options = {}) {
      if (ended !== undefined) return Promise.reject(ended);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, options });
        const message: ToWorker<Name> = { type: 'run', id, request };
        worker.postMessage(message, options.transfer ?? []);
      });
    },
    async terminate(reason) {
      endAll(reason ?? new CofferError('APP_CANCELLED', `the ${name} worker was stopped`));
      await worker.terminate();
    },
  };
}

/**
 * Runs one request of job `name` in a new worker and stops it afterwards. When `signal` aborts, the thread
 * is terminated where it stands and the run is refused with APP_CANCELLED: a job changes nothing outside its
 * thread until it answers, so nothing was changed.
 */
export async function runInWorker<Name extends WorkerJobName>(
  name: Name,
  request: WorkerJobs[Name]['request'],
  options: WorkerRunOptions<Name> & { signal?: AbortSignal } = {},
): Promise<WorkerJobs[Name]['result']> {
  const { signal } = options;
  if (signal?.aborted) throw cancelled(name);
  const worker = startWorker(name);
  const cancel = () => void worker.terminate(cancelled(name));
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    return await worker.run(request, options);
  } finally {
    signal?.removeEventListener('abort', cancel);
    await worker.terminate();
  }
}

/** The refusal of a job its caller cancelled. */
export function cancelled(name: string): CofferError {
  return new CofferError('APP_CANCELLED', `${name} was cancelled; nothing was changed`);
}

function workerFor(entry: string): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL(`./${entry}.mjs`, here));
  // The sources: tsx's loader is registered inside the new thread, before the entry is imported.
  const script = `import(${JSON.stringify(tsxApiUrl())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL(`./${entry}.ts`, here).href)}); });`;
  return new Worker(script, { eval: true });
}

let tsxApi: string | undefined;

/** tsx's ESM API (`tsx/esm/api`, its `import` condition), found from this file as Node would find it. */
function tsxApiUrl(): string {
  if (tsxApi !== undefined) return tsxApi;
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const exportsMap = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports;
  const target = exportsMap['./esm/api']?.import.default;
  if (target === undefined) throw new CofferError('APP_INTERNAL', 'expected tsx to export its ESM API, found none');
  tsxApi = new URL(target, pathToFileURL(manifest)).href;
  return tsxApi;
}

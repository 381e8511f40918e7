import { parentPort } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerJobName, WorkerJobs } from './workerJobs.js';
import { toWireError } from './wireError.js';

/** What a job's handler may do besides answering: report progress and events, name buffers to move instead of copy. */
export interface WorkerJobContext<Name extends WorkerJobName> {
  progress(done: number, total: number): void;
  event(event: WorkerJobs[Name]['event']): void;
}

export interface WorkerJobAnswer<Name extends WorkerJobName> {
  result: WorkerJobs[Name]['result'];
  /** Buffers handed to the calling thread rather than copied; unusable here afterwards. */
  transfer?: ArrayBuffer[];
}

/**
 * The worker side of a job: answers each `run` message with the handler's result, or with its error as a
 * WireError. Runs are served one at a time, in order. Call once, at the top of a `*.worker.ts` entry.
 */
export function serveWorkerJob<Name extends WorkerJobName>(
  _name: Name,
  handle: (request: WorkerJobs[Name]['request'], context: WorkerJobContext<Name>) => WorkerJobAnswer<Name> | Promise<WorkerJobAnswer<Name>>,
): void {
  const port = parentPort;
  if (port === null) throw new Error('a worker entry was loaded outside a worker thread');
  const send = (message: FromWorker<Name>, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  let queue = Promise.resolve();
  port.on('message', (message: ToWorker<Name>) => {
    const { id } = message;
    const context: WorkerJobContext<Name> = {
      progress: (done, total) => send({ type: 'progress', id, done, total }),
      event: (event) => send({ type: 'event', id, event }),
    };
    queue = queue.then(async () => {
      try {
        const answer = await handle(message.request, context);
        send({ type: 'result', id, result: answer.result }, answer.transfer);
      } catch (error) {
        send({ type: 'error', id, error: toWireError(error) });
      }
    });
  });
}

import { Agent } from 'node:http';
import { parentPort } from 'node:worker_threads';
import type { BenchDevice } from './benchClient.js';
import { submitPayments } from './benchPayments.js';
import type { BenchLoadJob, BenchLoadResult } from './benchLoadWorker.js';
import { closedLoop, openLoop } from './statementLoad.js';

// The bench's clients on a thread of their own (benchLoadWorker.ts): signing and HTTP of the load generator
// no longer share the gateway's event loop. Each job gets fresh kept-alive connections, closed at its end.
parentPort?.on('message', (job: BenchLoadJob) => {
  void run(job).then(
    (result) => parentPort?.postMessage({ ok: true, result }),
    (error: unknown) => parentPort?.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) }),
  );
});

async function run(job: BenchLoadJob): Promise<BenchLoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64, timeout: 30_000 });
  const device: BenchDevice = { base: job.device.base, ...(job.device.bases ? { bases: job.device.bases } : {}), agent, deviceId: job.device.deviceId, key: { seed: Buffer.from(job.device.seed), publicKey: Buffer.alloc(0) } };
  try {
    if (job.kind === 'closed') return await closedLoop(device, job.iban, job.stored, job.seconds, job.concurrency);
    if (job.kind === 'open') return await openLoop(device, job.iban, job.stored, job.seconds, job.rate);
    const queues = job.queues.map((queue) => [...queue]);
    const run = await submitPayments({ maker: device, queues }, job.seconds);
    return { ...run, taken: job.queues.map((queue, i) => queue.length - (queues[i]?.length ?? 0)) };
  } finally {
    agent.destroy();
  }
}

import { signGatewayRequest } from '../../protocol/index.js';
import { benchSigner, nextBase, send, type BenchDevice } from './benchClient.js';

const PAGE = 50;

export interface LoadRun {
  rate: number;
  /** Milliseconds, sorted. */
  latencies: number[];
}

/** One signed statement sync of a page from a random cursor; its latency in ms, or a thrown error for a non-200. */
async function syncOnce(device: BenchDevice, iban: string, stored: number): Promise<number> {
  const after = Math.floor(Math.random() * Math.max(1, stored - PAGE));
  const pathAndQuery = `/v1/statements?account=${iban}&after=${after}&limit=${PAGE}`;
  const started = performance.now();
  const base = nextBase(device);
  const headers = await signGatewayRequest({ method: 'GET', url: `${base}${pathAndQuery}`, keyId: device.deviceId, seed: device.key.seed, signer: benchSigner(device) });
  const answer = await send({ base, agent: device.agent }, 'GET', pathAndQuery, headers);
  if (answer.status !== 200) throw new Error(`expected 200 from the gateway, found ${answer.status}: ${answer.body.slice(0, 200)}`);
  return performance.now() - started;
}

/** Closed loop: `concurrency` clients back to back for `seconds`. */
export async function closedLoop(device: BenchDevice, iban: string, stored: number, seconds: number, concurrency: number): Promise<LoadRun> {
  const latencies: number[] = [];
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) latencies.push(await syncOnce(device, iban, stored));
    }),
  );
  return { rate: latencies.length / ((performance.now() - started) / 1000), latencies: latencies.sort((a, b) => a - b) };
}

/** Open loop: requests started at a fixed rate for `seconds`, whatever the answers' pace (no coordinated omission). */
export async function openLoop(device: BenchDevice, iban: string, stored: number, seconds: number, rate: number): Promise<LoadRun> {
  const latencies: number[] = [];
  const total = Math.max(1, Math.floor(rate * seconds));
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const sent = performance.now();
    // A request sent late is charged the delay from when it was due.
    pending.push(syncOnce(device, iban, stored).then((ms) => void latencies.push(ms + Math.max(0, sent - due))));
  }
  await Promise.all(pending);
  return { rate: total / ((performance.now() - started) / 1000), latencies: latencies.sort((a, b) => a - b) };
}

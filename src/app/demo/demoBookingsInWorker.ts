import type { Progress } from '../../api/index.js';
import type { BookingRow } from '../commands/records/bookingRecords.js';
import { runInWorker } from '../workers/startWorker.js';
import { generateDemoBookingRows, type DemoBookingsRequest } from './demoBookingRows.js';
import { letEventLoopRun } from '../workers/letEventLoopRun.js';

/**
 * Below this many bookings in all they are generated on the calling thread (tests seed a dozen per account):
 * 2,000 took 8–34 ms at load 10, while a bundled worker answers 0.2–0.3 s after it is started (load 1.7).
 */
export const IN_THREAD_BELOW_BOOKINGS = 2000;

export interface DemoBookings {
  rows: Map<string, BookingRow[]>;
  sums: Record<string, number>;
}


/**
 * The demo's booking rows per account code, generated in a `demo.bookings` worker (in place when few): the
 * rows cross as JSON text in chunks and are parsed here one chunk at a time, the event loop free between.
 */
export async function demoBookingsInWorker(request: DemoBookingsRequest, options: { onProgress?: (progress: Progress) => void; inThreadBelowBookings?: number } = {}): Promise<DemoBookings> {
  const { onProgress, inThreadBelowBookings = IN_THREAD_BELOW_BOOKINGS } = options;
  const rows = new Map<string, BookingRow[]>(request.accounts.map((account) => [account.code, []]));
  const add = (code: string, chunk: BookingRow[]) => {
    const list = rows.get(code) as BookingRow[];
    for (const row of chunk) list.push(row);
  };
  const total = request.accounts.reduce((n, account) => n + account.count, 0);
  if (total < inThreadBelowBookings) return { rows, sums: generateDemoBookingRows(request, add) };
  const chunks: { code: string; json: string }[] = [];
  const sums = await runInWorker('demo.bookings', request, { onEvent: (chunk) => chunks.push(chunk) });
  let done = 0;
  for (const { code, json } of chunks) {
    await letEventLoopRun();
    const chunk = JSON.parse(json) as BookingRow[];
    add(code, chunk);
    done += chunk.length;
    onProgress?.({ done, total });
  }
  return { rows, sums };
}

import { describe, expect, it } from 'vitest';
import { demoBookingsInWorker, IN_THREAD_BELOW_BOOKINGS } from './demoBookingsInWorker.js';

// Enough bookings to be generated in a worker, in two accounts of different currencies.
const request = {
  endDay: '2026-12-01',
  accounts: [
    { code: 'EUR', currency: 'EUR' as const, count: IN_THREAD_BELOW_BOOKINGS, seed: 0x5eed },
    { code: 'GBP', currency: 'GBP' as const, count: 700, seed: 0x5eee },
  ],
};

describe('when the demo seed generates its bookings in a worker', () => {
  it('generates the same rows and sums as in place, and reports them as they are taken over', async () => {
    const seen: { done: number; total: number }[] = [];
    const inWorker = await demoBookingsInWorker(request, { inThreadBelowBookings: 0, onProgress: (p) => seen.push(p) });
    const inPlace = await demoBookingsInWorker(request, { inThreadBelowBookings: Infinity });
    expect(inWorker.rows.get('EUR')).toHaveLength(IN_THREAD_BELOW_BOOKINGS);
    expect(inWorker.rows.get('GBP')).toHaveLength(700);
    expect(inWorker).toEqual(inPlace);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toEqual({ done: IN_THREAD_BELOW_BOOKINGS + 700, total: IN_THREAD_BELOW_BOOKINGS + 700 });
  });
});

import type { Booking } from '../ipc/wire';

/** ISO day `days` before `today` (both YYYY-MM-DD, UTC). */
export function daysBefore(today: string, days: number): string {
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

/**
 * End-of-day balances for the `days` days up to `today`, walking back from the booked balance through
 * the bookings (integer minor units throughout).
 */
export function balanceTrend(balanceMinor: number, bookings: readonly Pick<Booking, 'bookingDate' | 'amountMinor'>[], today: string, days = 30): number[] {
  const netByDay = new Map<string, number>();
  for (const booking of bookings) netByDay.set(booking.bookingDate, (netByDay.get(booking.bookingDate) ?? 0) + booking.amountMinor);
  const trend: number[] = [];
  let balance = balanceMinor;
  for (let back = 0; back <= days; back++) {
    const day = daysBefore(today, back);
    trend.push(balance);
    balance -= netByDay.get(day) ?? 0;
  }
  return trend.reverse();
}

/** An IBAN in groups of four, as printed on paper. */
export function formatIban(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, '$1 ');
}

import { describe, expect, it } from 'vitest';
import { balanceTrend, formatIban } from './balanceTrend';

describe('the 30-day balance trend', () => {
  it('walks back from the booked balance through each day\'s bookings', () => {
    const bookings = [
      { account: 'X', bookingDate: '2026-12-01', amountMinor: 500, currency: 'EUR' },
      { account: 'X', bookingDate: '2026-11-30', amountMinor: -200, currency: 'EUR' },
    ];
    expect(balanceTrend(1000, bookings, '2026-12-01', 3)).toEqual([700, 700, 500, 1000]);
  });

  it('prints an IBAN in groups of four', () => {
    expect(formatIban('DE89370400440532013000')).toBe('DE89 3704 0044 0532 0130 00');
  });
});

import { describe, expect, it } from 'vitest';
import type { Booking } from '../../ipc/wire';
import { filterBookings, searchIndex } from './filterBookings';

const booking = (amountMinor: number, counterpartyName: string, remittanceInfo = '', entryRef: string | null = null): Booking => ({
  account: 'DE89370400440532013000', entryRef, bookingDate: '2026-11-30', valueDate: null, amountMinor, amount: String(amountMinor / 100), currency: 'EUR',
  reversal: false, counterpartyName, counterpartyIban: null, remittanceInfo, additionalInfo: null, postingText: null, endToEndId: null, statementId: null,
});

const rows = [booking(12_50, 'Alpen Logistik GmbH', 'Invoice 4711'), booking(-99_00, 'Van Dijk Trading', 'Order 12'), booking(-1_000_00, 'Kiosk', 'coffee', 'REF-ÄÖ-1')];
const index = searchIndex(rows);

describe('filtering loaded bookings', () => {
  it('finds text in any searched field, case aside, keeping the order', () => {
    expect(filterBookings(rows, index, { text: 'ORDER', direction: 'all' })).toEqual([1]);
    expect(filterBookings(rows, index, { text: 'ref-äö', direction: 'all' })).toEqual([2]);
    expect(filterBookings(rows, index, { text: '  ', direction: 'all' })).toEqual([0, 1, 2]);
  });

  it('keeps credits or debits only', () => {
    expect(filterBookings(rows, index, { text: '', direction: 'credit' })).toEqual([0]);
    expect(filterBookings(rows, index, { text: '', direction: 'debit' })).toEqual([1, 2]);
  });

  it('bounds the size in either direction, inclusively', () => {
    expect(filterBookings(rows, index, { text: '', direction: 'all', minMinor: 99_00, maxMinor: 1_000_00 })).toEqual([1, 2]);
    expect(filterBookings(rows, index, { text: '', direction: 'all', maxMinor: 12_50 })).toEqual([0]);
  });

  it('does not match across field boundaries', () => {
    expect(filterBookings(rows, index, { text: 'gmbhinvoice', direction: 'all' })).toEqual([]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BookingEntry } from './bookingEntry.js';
import { dedupeEntries, type BookedIdentity } from './dedupeEntries.js';
import { identifyEntries } from './entryIdentity.js';
import { parseStatementFile } from './parseStatementFile.js';
import { propertyRuns } from '../../../test/fixtures/domain/propertyRuns.js';
import { readFixtureBytes } from '../../../test/fixtures/domain/vectors.js';
import { describeWithVectors, readVectorBytes } from '../../../test/support/vectors.js';

async function entriesOf(bytes: Uint8Array): Promise<BookingEntry[]> {
  return (await parseStatementFile(bytes)).statements.flatMap((statement) => statement.entries);
}

/** What the app stores per booked entry (see the report): identity, statement id, position. */
function remember(entries: readonly BookingEntry[]): BookedIdentity[] {
  return entries.map(({ identity, statementId, position }) => ({ identity, statementId, position }));
}

describe('dedupeEntries', () => {
  describe('when a statement is imported twice', () => {
    it('books everything the first time and nothing the second, saying where each was booked from', async () => {
      const entries = await entriesOf(readFixtureBytes('camt053-v08-dayend.xml'));
      const first = dedupeEntries([], entries);
      expect(first.fresh).toHaveLength(6);
      expect(first.skipped).toEqual([]);
      const second = dedupeEntries(remember(first.fresh), entries);
      expect(second.fresh).toEqual([]);
      expect(second.skipped.map((s) => s.reason)).toEqual(entries.map((e) => ({ code: 'ALREADY_BOOKED', from: { statementId: '20250612-DE02120300000000202051', position: e.position } })));
      expect(second.skipped[2]?.message).toBe('entry 3 of statement 20250612-DE02120300000000202051 was already booked from entry 3 of statement 20250612-DE02120300000000202051');
    });
  });

  describe('when an intraday camt.052 report is followed by the day-end camt.053 statement', () => {
    it('books each booking once: the report\'s two, then the statement\'s four others, the pending entry never', async () => {
      const intraday = await entriesOf(readFixtureBytes('camt052-v08-intraday.xml'));
      const morning = dedupeEntries([], intraday);
      expect(morning.fresh.map((e) => e.amount.minor)).toEqual([119_000, -11_900]);
      expect(morning.skipped).toEqual([
        { entry: intraday[2], reason: { code: 'NOT_BOOKED', status: 'PDNG' }, message: 'entry 3 of statement RPT-20250612-1100 has status PDNG, not BOOK: reported, not booked' },
      ]);
      const dayEnd = await entriesOf(readFixtureBytes('camt053-v08-dayend.xml'));
      const evening = dedupeEntries(remember(morning.fresh), dayEnd);
      expect(evening.fresh.map((e) => [e.position, e.amount.minor])).toEqual([[1, -4550], [3, -750], [5, -750], [6, -50_000]]);
      expect(evening.skipped.map((s) => [s.entry.position, s.reason])).toEqual([
        [2, { code: 'ALREADY_BOOKED', from: { statementId: 'RPT-20250612-1100', position: 2 } }],
        [4, { code: 'ALREADY_BOOKED', from: { statementId: 'RPT-20250612-1100', position: 1 } }],
      ]);
      // Everything booked on the account adds up to exactly the day-end statement's movement (10000.00 → 10510.50).
      const booked = [...morning.fresh, ...evening.fresh].reduce((sum, e) => sum + e.amount.minor, 0);
      expect(booked).toBe(51_050);
    });
  });

  describe('when one import holds the same statement twice (overlapping files, a ZIP with a copy)', () => {
    it('books the first and skips the repeat as the same booking within this import', async () => {
      const entries = await entriesOf(readFixtureBytes('camt053-v08-dayend.xml'));
      const result = dedupeEntries([], [...entries, ...entries]);
      expect(result.fresh).toHaveLength(6);
      expect(result.skipped.map((s) => s.reason.code)).toEqual(Array(6).fill('REPEATED_IN_IMPORT'));
      expect(result.skipped[0]?.message).toBe('entry 1 of statement 20250612-DE02120300000000202051 is the same booking as entry 1 of statement 20250612-DE02120300000000202051 in this import');
    });
  });

  describeWithVectors('when a published file repeats an AcctSvcrRef for distinct bookings', () => {
    it.each([
      ['02_ing_nl_example_v02.xml', 9],
      ['01_abnamro_example_v02.xml', 13],
    ])('books every entry of %s into an empty account (issue 10: "7 bookings (2 already booked)")', async (file, count) => {
      const entries = await entriesOf(readVectorBytes(`statements/${file}`));
      const result = dedupeEntries([], entries);
      expect(result.fresh).toHaveLength(count);
      expect(result.skipped).toEqual([]);
    });
  });

  describe('for any statements', () => {
    // Entries drawn from a small set of contents, so that identical entries (the hard case) are common.
    const content = fc.record({
      amount: fc.constantFrom(-750, 1000, 119_000),
      ref: fc.constantFrom<string | null>(null, 'R1', 'R2'),
      text: fc.constantFrom('', 'Miete', 'Gebühr'),
      booked: fc.boolean(),
    });
    const statement = (id: string, contents: { amount: number; ref: string | null; text: string; booked: boolean }[]): BookingEntry[] => {
      const entries = contents.map((c, index) => ({
        position: index + 1, where: `line ${index + 1}`, statementId: id, status: c.booked ? 'BOOK' : 'PDNG', booked: c.booked,
        bookingDate: '2025-06-12', valueDate: '2025-06-12', amount: { minor: c.amount, currency: 'EUR' as const }, creditDebit: c.amount < 0 ? ('DBIT' as const) : ('CRDT' as const),
        reversal: false, references: { accountServicer: c.ref, entry: null, endToEnd: null, mandate: null, instruction: null, transaction: null, paymentInformation: null, creditorId: null, creditorReference: null, customer: null, primaNota: null },
        counterparty: null, remittance: c.text, additionalInfo: null, postingText: null, bankTransactionCode: null, returnReason: null, charges: [], batch: null, details: [],
      }));
      return identifyEntries(entries);
    };

    it('books every booked entry exactly once, however often it is imported (idempotence)', () => {
      fc.assert(
        fc.property(fc.array(content, { maxLength: 30 }), (contents) => {
          const entries = statement('S', contents);
          const first = dedupeEntries([], entries);
          expect(first.fresh.length + first.skipped.length).toBe(entries.length);
          expect(first.fresh).toEqual(entries.filter((e) => e.booked));
          expect(dedupeEntries(remember(first.fresh), entries).fresh).toEqual([]);
        }),
        propertyRuns(),
      );
    });

    it('books a day-end statement\'s entries once in all after any intraday report of some of them, in any order', () => {
      fc.assert(
        fc.property(fc.array(content, { maxLength: 30 }).chain((contents) => fc.tuple(fc.constant(contents), fc.subarray(contents.map((_, i) => i)), fc.integer())), ([contents, reported, shuffle]) => {
          const dayEnd = statement('EOD', contents);
          const order = [...reported].sort((a, b) => ((a * 7919 + shuffle) % 97) - ((b * 7919 + shuffle) % 97));
          const intraday = statement('INTRA', order.map((i) => contents[i] as (typeof contents)[number]));
          const morning = dedupeEntries([], intraday);
          const evening = dedupeEntries(remember(morning.fresh), dayEnd);
          expect(morning.fresh.length + evening.fresh.length).toBe(dayEnd.filter((e) => e.booked).length);
        }),
        propertyRuns(),
      );
    });
  });
});

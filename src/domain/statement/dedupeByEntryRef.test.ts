import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dedupeByEntryRef } from './dedupeByEntryRef.js';
import { parseCamt053 } from '../camt053/parseCamt053.js';
import { readFixture } from '../../../test/fixtures/domain/vectors.js';

describe('dedupeByEntryRef', () => {
  describe('when a statement is imported twice', () => {
    it('books its entries once', () => {
      const entries = parseCamt053(readFixture('camt053-v08-multi-entry.xml'))[0]?.entries ?? [];
      const first = dedupeByEntryRef([], entries);
      expect(first.fresh).toEqual(entries);
      const second = dedupeByEntryRef(first.fresh.map((entry) => entry.entryRef), entries);
      expect(second.fresh).toEqual([]);
      expect(second.duplicates).toEqual(entries);
    });
  });

  describe('when a file repeats a reference', () => {
    it('keeps the first occurrence only', () => {
      const result = dedupeByEntryRef(new Set(['a']), [{ entryRef: 'b', n: 1 }, { entryRef: 'a', n: 2 }, { entryRef: 'b', n: 3 }]);
      expect(result.fresh).toEqual([{ entryRef: 'b', n: 1 }]);
      expect(result.duplicates).toEqual([{ entryRef: 'a', n: 2 }, { entryRef: 'b', n: 3 }]);
    });
  });

  describe('when references are random', () => {
    it('splits every entry into exactly one side, new references once each, none already known', () => {
      const ref = fc.constantFrom('r1', 'r2', 'r3', 'r4', 'r5', 'r6');
      fc.assert(
        fc.property(fc.array(ref), fc.array(ref.map((entryRef) => ({ entryRef }))), (existing, entries) => {
          const { fresh, duplicates } = dedupeByEntryRef(existing, entries);
          expect(fresh.length + duplicates.length).toBe(entries.length);
          const freshRefs = fresh.map((entry) => entry.entryRef);
          expect(new Set(freshRefs).size).toBe(freshRefs.length);
          expect(freshRefs.filter((r) => existing.includes(r))).toEqual([]);
          const expected = [...new Set(entries.map((entry) => entry.entryRef))].filter((r) => !existing.includes(r));
          expect(freshRefs).toEqual(expected);
          expect(dedupeByEntryRef([...existing, ...freshRefs], entries).fresh).toEqual([]);
        }),
      );
    });
  });
});

import type { SkippedGroup } from '../../../api/index.js';
import type { SkippedEntry } from '../../../domain/index.js';
import type { BookedOrigin } from './bookedIdentities.js';
import { formatRanges } from './formatRanges.js';
import type { PlannedEntry } from './readStatementEntries.js';

interface Group {
  reason: SkippedGroup['reason'];
  status: string | null;
  from: { statementId: string | null; file: string | null; legacy: boolean } | null;
  positions: number[];
  fromPositions: number[];
}

function source(from: NonNullable<Group['from']>): string {
  if (from.legacy) return 'by an import before Coffer kept entry identities (same bank reference, date and amount)';
  if (from.statementId !== null) return `from statement ${from.statementId}`;
  return from.file === null ? 'from an earlier import' : `from file ${from.file}`;
}

function describe(group: Group, count: number, fromEntries: string): string {
  if (group.reason === 'NOT_BOOKED') return `${count} not booked (${group.status ?? 'not BOOK'})`;
  const from = group.from as NonNullable<Group['from']>;
  const where = `${source(from)}${fromEntries === '' ? '' : ` entries ${fromEntries}`}`;
  return group.reason === 'ALREADY_BOOKED' ? `${count} already booked ${where}` : `${count} repeated in this import, booked ${where}`;
}

/**
 * The skipped entries of one statement, grouped by reason and by where they were booked from, with the
 * positions as ranges: "2 already booked from statement RPT-0612 entries 1–2", "1 not booked (PDNG)".
 * `origins` says where each already-booked identity came from; `file` is this import's file.
 */
export function skipGroups(skipped: readonly SkippedEntry<PlannedEntry>[], origins: ReadonlyMap<string, BookedOrigin>, file: string): SkippedGroup[] {
  const groups = new Map<string, Group>();
  for (const { entry, reason } of skipped) {
    let group: Omit<Group, 'positions' | 'fromPositions'>;
    let fromPosition: number | null = null;
    if (reason.code === 'NOT_BOOKED') {
      group = { reason: reason.code, status: reason.status, from: null };
    } else if (reason.code === 'REPEATED_IN_IMPORT') {
      group = { reason: reason.code, status: null, from: { statementId: reason.from.statementId, file, legacy: false } };
      fromPosition = reason.from.position;
    } else {
      const origin = origins.get(entry.identity);
      group = { reason: reason.code, status: null, from: { statementId: origin?.statementId ?? null, file: origin?.file ?? null, legacy: origin?.legacy ?? false } };
      fromPosition = origin?.position ?? null;
    }
    const key = JSON.stringify(group);
    const known = groups.get(key) ?? { ...group, positions: [], fromPositions: [] };
    groups.set(key, known);
    known.positions.push(entry.position);
    if (fromPosition !== null) known.fromPositions.push(fromPosition);
  }
  return [...groups.values()].map((group) => {
    const fromEntries = formatRanges(group.fromPositions);
    return {
      reason: group.reason,
      count: group.positions.length,
      entries: formatRanges(group.positions),
      status: group.status,
      from: group.from === null ? null : { statementId: group.from.statementId, file: group.from.legacy ? null : group.from.file, entries: fromEntries },
      message: describe(group, group.positions.length, fromEntries),
    };
  });
}

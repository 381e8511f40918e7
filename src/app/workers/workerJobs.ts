import type { PackedEntries } from '../../audit/index.js';
import type { BenchFigure } from '../bench/benchFigure.js';
import type { BenchOptions } from '../bench/benchOptions.js';
import type { Pain001Request, ParseStatementFileOptions } from '../../domain/index.js';
import type { StatementReadEvent } from '../commands/statementImport/readStatementEntries.js';
import type { DemoBookingsRequest } from '../demo/demoBookingRows.js';
import type { WireError } from './wireError.js';

/** A range of entries hashed by a worker into the tree's shared memory: `RangeHashes` with its refusal as plain data, which crosses threads. */
export interface HashedRange {
  first: number;
  count: number;
  failure?: WireError;
}

/**
 * Every job a worker runs, by name: what it is asked, what it answers, and what it may report on the way
 * besides `{done, total}` progress. The entry file of job `name` is `WORKER_ENTRIES[name]` beside this file.
 */
export interface WorkerJobs {
  /** Checks and hashes one range of bundle entries (src/audit `hashEntryRange`). */
  'audit.hashRange': { request: PackedEntries; result: HashedRange; event: never };
  /** The whole `coffer bench`, each figure reported as it is measured. */
  'bench.run': { request: BenchOptions; result: null; event: BenchFigure };
  /** The demo seed's bookings (src/app/demo `generateDemoBookingRows`): rows as JSON text per event, sums per account. */
  'demo.bookings': { request: DemoBookingsRequest; result: Record<string, number>; event: { code: string; json: string } };
  /** Builds a pain.001 file (src/domain `buildPain001`) as UTF-8 bytes. */
  'payments.pain001': { request: Pain001Request; result: Uint8Array; event: never };
  /** Reads a statement file (src/app statementImport `readStatementEntries`): entries cross as JSON text, a chunk per event. */
  'statements.read': {
    request: { bytes: Uint8Array; options: ParseStatementFileOptions };
    result: null;
    event: Exclude<StatementReadEvent, { kind: 'entries' }> | { kind: 'entries'; json: string };
  };
}

export type WorkerJobName = keyof WorkerJobs;

/** Entry files (without extension): `*.worker.ts` in this folder, `*.worker.mjs` beside a bundled build. */
export const WORKER_ENTRIES = {
  'audit.hashRange': 'hashRange.worker',
  'bench.run': 'bench.worker',
  'demo.bookings': 'demoBookings.worker',
  'payments.pain001': 'pain001.worker',
  'statements.read': 'readStatements.worker',
} as const satisfies Record<WorkerJobName, string>;

/** Messages from the calling thread to a worker. */
export type ToWorker<Name extends WorkerJobName> = { type: 'run'; id: number; request: WorkerJobs[Name]['request'] };

/** Messages from a worker back to the calling thread, tagged with the run they answer. */
export type FromWorker<Name extends WorkerJobName> =
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'event'; id: number; event: WorkerJobs[Name]['event'] }
  | { type: 'result'; id: number; result: WorkerJobs[Name]['result'] }
  | { type: 'error'; id: number; error: WireError };

import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { round, type FigureSink } from './benchFigure.js';
import { benchAudit } from './auditBench.js';
import { benchImport } from './importBench.js';
import { benchSqlite } from './sqliteBench.js';
import { benchUnlock } from './unlockBench.js';

export interface BenchOptions {
  /** Fewer rows and no tuning variants: a smoke run in seconds. */
  quick?: boolean;
  /** Where scratch databases go; a temp dir by default. */
  scratchDir?: string;
  /** Only these groups (all by default): to repeat one figure on a quiet moment without the whole run. */
  only?: readonly BenchGroup[];
}

export const BENCH_GROUPS = ['sqlite', 'unlock', 'audit', 'import'] as const;
export type BenchGroup = (typeof BENCH_GROUPS)[number];

/** Runs every benchmark and reports each figure as soon as it is measured, with the load average beside it. */
export async function runBenchmarks(report: FigureSink, options: BenchOptions = {}): Promise<void> {
  const emit: FigureSink = (figure) => report({ ...figure, loadAverage1m: round(loadavg()[0] ?? 0, 2) });
  const dir = mkdtempSync(join(options.scratchDir ?? tmpdir(), 'coffer-bench-'));
  try {
    const runs = (group: BenchGroup) => options.only === undefined || options.only.includes(group);
    const rows = options.quick ? 10_000 : 100_000;
    if (runs('sqlite')) {
      benchSqlite(dir, rows, emit);
      if (!options.quick) {
        benchSqlite(dir, rows, emit, { name: 'wal', options: { journalMode: 'WAL' } });
        benchSqlite(dir, rows, emit, { name: 'cache-2mb', options: { cacheSizeKiB: 2000 } });
      }
    }
    if (runs('unlock')) await benchUnlock(dir, emit, options.quick ? 2 : 5);
    if (runs('audit')) {
      await benchAudit(dir, options.quick ? { appendEntries: 10_000, verifyEntries: 20_000 } : { appendEntries: 100_000, verifyEntries: 1_000_000 }, emit);
    }
    if (runs('import')) await benchImport(dir, options.quick ? 10_000 : 100_000, emit);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { round, type FigureSink } from './benchFigure.js';
import type { BenchGroup, BenchOptions } from './benchOptions.js';
import { benchAudit } from './auditBench.js';
import { benchImport } from './importBench.js';
import { benchSqlite } from './sqliteBench.js';
import { benchUnlock } from './unlockBench.js';

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

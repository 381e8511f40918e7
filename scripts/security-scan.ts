/**
 * `npm run scan`: the security scans of `make test` (docs/security.md, "Scanning in CI"). They run side
 * by side; each prints one line with its time. Exit 1 when any finds something or cannot run; an
 * advisory service out of reach prints a loud warning instead, naming what was not checked.
 *   npm run scan -- --only audit,licences
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scanAudit } from './security/scanAudit.js';
import { scanLicences } from './security/scanLicences.js';
import { scanLockfile } from './security/scanLockfile.js';
import type { ScanContext, ScanReport } from './security/scanReport.js';
import { scanSecrets } from './security/scanSecrets.js';

const SCANS: Record<string, (context: ScanContext) => Promise<ScanReport>> = {
  secrets: scanSecrets,
  lockfile: scanLockfile,
  licences: scanLicences,
  audit: scanAudit,
};

function chosenScans(argv: readonly string[]): string[] {
  const at = argv.indexOf('--only');
  if (at === -1) return Object.keys(SCANS);
  const names = (argv[at + 1] ?? '').split(',').filter((name) => name !== '');
  const unknown = names.filter((name) => !Object.hasOwn(SCANS, name));
  if (names.length === 0 || unknown.length > 0) {
    process.stderr.write(`scan: --only expects a comma-separated list of ${Object.keys(SCANS).join(', ')}, found ${argv[at + 1] ?? 'nothing'}\n`);
    process.exit(2);
  }
  return names;
}

async function timed(name: string, context: ScanContext): Promise<{ report: ScanReport; seconds: number }> {
  const started = performance.now();
  let report: ScanReport;
  try {
    report = await (SCANS[name] as (context: ScanContext) => Promise<ScanReport>)(context);
  } catch (error) {
    report = { scan: name, outcome: 'failed', summary: `the scan broke: ${error instanceof Error ? error.message : String(error)}`, details: [] };
  }
  return { report, seconds: (performance.now() - started) / 1000 };
}

const LABEL = { passed: 'ok', failed: 'FAILED', 'not-checked': 'NOT CHECKED' } as const;

async function main(): Promise<void> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const context: ScanContext = { root, env: process.env };
  const results = await Promise.all(chosenScans(process.argv.slice(2)).map((name) => timed(name, context)));
  for (const { report, seconds } of results) {
    const out = process.stdout;
    out.write(`scan: ${report.scan.padEnd(8)} ${LABEL[report.outcome].padEnd(11)} ${seconds.toFixed(1).padStart(5)} s  ${report.summary}\n`);
    for (const line of report.details) out.write(`        ${line}\n`);
  }
  const gaps = results.filter(({ report }) => report.outcome === 'not-checked');
  if (gaps.length > 0) {
    const rule = '!'.repeat(100);
    process.stderr.write(`${rule}\n${gaps.map(({ report }) => report.summary).join('\n')}\n${rule}\n`);
  }
  if (results.some(({ report }) => report.outcome === 'failed')) process.exitCode = 1;
}

await main();

import { classifyAudit } from './classifyAudit.js';
import { lockfilePackages } from './lockfilePackages.js';
import { runTool } from './runTool.js';
import type { ScanContext, ScanReport } from './scanReport.js';

/**
 * `npm audit` at level high over production and development packages. A finding fails the run; an
 * advisory service that cannot be reached does not, but the report says loudly what was not checked.
 */
export async function scanAudit(context: ScanContext): Promise<ScanReport> {
  const scan = 'audit';
  // --offline=false: an offline npm "audits" nothing and reports zero vulnerabilities. Short timeouts keep
  // a silently dropped connection within the minute the scans may take.
  const args = ['audit', '--json', '--audit-level=high', '--offline=false', '--fetch-timeout=15000', '--fetch-retries=1'];
  const run = await runTool('npm', args, { cwd: context.root, env: context.env });
  const verdict = classifyAudit(run.stdout);
  switch (verdict.kind) {
    case 'unreachable': {
      const packages = lockfilePackages(context.root).size;
      const warning = `WARNING: npm audit could not reach the advisory service (${verdict.reason}): known vulnerabilities of the ${packages} packages in package-lock.json were NOT checked`;
      return { scan, outcome: 'not-checked', summary: warning, details: [] };
    }
    case 'unreadable':
      return { scan, outcome: 'failed', summary: `npm audit gave no answer the scan can read (exit ${run.code})`, details: [verdict.reason, ...run.stderr.split('\n').filter((line) => line.trim() !== '').slice(0, 5)] };
    case 'checked': {
      const { counts } = verdict;
      const tally = `${counts.critical} critical, ${counts.high} high, ${counts.moderate} moderate, ${counts.low} low, ${counts.info} info`;
      if (verdict.serious.length === 0) return { scan, outcome: 'passed', summary: `${verdict.audited} packages audited: ${tally}`, details: [] };
      const details = verdict.serious.flatMap((finding) => [`${finding.name}: ${finding.severity}`, ...finding.advisories.map((advisory) => `  ${advisory}`)]);
      return { scan, outcome: 'failed', summary: `${verdict.audited} packages audited: ${tally}; high and critical fail the run`, details };
    }
  }
}

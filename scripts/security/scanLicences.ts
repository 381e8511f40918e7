import path from 'node:path';
import { checkLicences, type InstalledLicence } from './checkLicences.js';
import { ALLOWED_LICENCES, LICENCE_EXCEPTIONS } from './licencePolicy.js';
import { lockfilePackages, packageNameOf } from './lockfilePackages.js';
import { runTool } from './runTool.js';
import type { ScanContext, ScanReport } from './scanReport.js';

/** The licence of every installed package (production and development), from license-checker-rseidelsohn. */
async function installedLicences(context: ScanContext): Promise<InstalledLicence[] | string> {
  const checker = path.join(context.root, 'node_modules/.bin/license-checker-rseidelsohn');
  // Coffer itself is UNLICENSED and private: --excludePrivatePackages leaves it out.
  const run = await runTool(checker, ['--json', '--excludePrivatePackages', '--start', context.root], { cwd: context.root, env: context.env });
  if (run.code !== 0) return `license-checker-rseidelsohn failed (exit ${run.code}): ${run.stderr.trim().split('\n')[0] ?? ''}`;
  const report = JSON.parse(run.stdout) as Record<string, { licenses?: string | string[] }>;
  const prodNames = new Set([...lockfilePackages(context.root)].filter(([, entry]) => !entry.dev).map(([location]) => packageNameOf(location)));
  return Object.entries(report).map(([id, info]) => {
    const at = id.lastIndexOf('@');
    const name = id.slice(0, at);
    // A licences array (an old package.json form) must be met as a whole.
    const licence = Array.isArray(info.licenses) ? info.licenses.join(' AND ') : (info.licenses ?? 'UNKNOWN');
    return { name, version: id.slice(at + 1), licence, devOnly: !prodNames.has(name) };
  });
}

/** The licence allow-list, with its named exceptions, over the installed tree. */
export async function scanLicences(context: ScanContext): Promise<ScanReport> {
  const scan = 'licences';
  const installed = await installedLicences(context);
  if (typeof installed === 'string') return { scan, outcome: 'failed', summary: installed, details: [] };
  const check = checkLicences(installed, ALLOWED_LICENCES, LICENCE_EXCEPTIONS);
  const stale = check.unusedExceptions.map((name) => `note: the licence exception for ${name} matches no installed package; remove it`);
  if (check.problems.length > 0) {
    return { scan, outcome: 'failed', summary: `${check.problems.length} of ${check.packages} installed packages break the licence policy`, details: [...check.problems, ...stale] };
  }
  return { scan, outcome: 'passed', summary: `${check.packages} installed packages on the allow-list, ${check.byException} of them by a named exception`, details: stale };
}

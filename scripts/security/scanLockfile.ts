import path from 'node:path';
import { checkLockfile, REGISTRY } from './checkLockfile.js';
import { lockfilePackages } from './lockfilePackages.js';
import { runTool } from './runTool.js';
import type { ScanContext, ScanReport } from './scanReport.js';

/**
 * lockfile-lint (HTTPS, npm registry host, sha512, names match URLs), our check that no package lacks
 * its hash, and the registry npm is configured to fetch from: with no URLs in the lockfile, that is
 * where `npm ci` downloads, and only the hashes stand between it and a tampered tarball.
 */
export async function scanLockfile(context: ScanContext): Promise<ScanReport> {
  const scan = 'lockfile';
  const lint = runTool(
    path.join(context.root, 'node_modules/.bin/lockfile-lint'),
    ['--path', 'package-lock.json', '--type', 'npm', '--validate-https', '--allowed-hosts', 'npm', '--validate-integrity', '--validate-package-names', '--empty-hostname', 'false', '--format', 'plain'],
    { cwd: context.root, env: context.env },
  );
  const registry = runTool('npm', ['config', 'get', 'registry'], { cwd: context.root, env: context.env });
  const check = checkLockfile(lockfilePackages(context.root));
  const [linted, configured] = await Promise.all([lint, registry]);

  const details = [...check.problems];
  if (linted.code !== 0) details.push(...`${linted.stdout}\n${linted.stderr}`.split('\n').filter((line) => line.trim() !== ''));
  const registryUrl = configured.stdout.trim();
  if (configured.code !== 0 || !registryUrl.startsWith('https://')) {
    details.push(`npm's configured registry: expected an https:// URL, found ${registryUrl || configured.stderr.trim()}`);
  }
  const source = check.withUrl === 0 ? `none records a URL, so npm fetches them from its configured registry ${registryUrl}` : `${check.withUrl} record a URL under ${REGISTRY}`;
  const summary = `${check.packages} packages, each with a sha512 integrity hash; ${source}`;
  if (details.length > 0) return { scan, outcome: 'failed', summary: 'package-lock.json or the npm registry breaks the rules', details };
  const elsewhere = registryUrl === REGISTRY ? [] : [`note: npm's configured registry is ${registryUrl}, not ${REGISTRY}; the hashes still pin every package`];
  return { scan, outcome: 'passed', summary, details: elsewhere };
}

import { lstatSync } from 'node:fs';
import path from 'node:path';
import { runTool } from './runTool.js';
import type { ScanContext, ScanReport } from './scanReport.js';

// Installed, built and demo-vault folders: not ours to scan, or rebuilt from what is scanned.
const SKIPPED = /^(node_modules|dist|coverage|\.coffer)(\/|$)/;

/**
 * The files to scan: every tracked file, and every new file git would not ignore (a secret is best
 * caught before its first commit). Symlinks are skipped: node_modules is one in a worktree.
 */
async function filesToScan(context: ScanContext): Promise<string[] | string> {
  const listed = await runTool('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: context.root, env: context.env });
  if (listed.code !== 0) return `git could not list the files (${listed.stderr.trim() || `exit ${listed.code}`})`;
  return [...new Set(listed.stdout.split('\0'))].filter((file) => {
    if (file === '' || SKIPPED.test(file)) return false;
    try {
      return lstatSync(path.join(context.root, file)).isFile();
    } catch {
      return false; // deleted in the work tree but still tracked
    }
  });
}

/** secretlint with the recommended rules (.secretlintrc.json) over the repository's own files. */
export async function scanSecrets(context: ScanContext): Promise<ScanReport> {
  const scan = 'secrets';
  const files = await filesToScan(context);
  if (typeof files === 'string') return { scan, outcome: 'failed', summary: files, details: [] };
  const secretlint = path.join(context.root, 'node_modules/.bin/secretlint');
  const args = ['--no-glob', '--no-color', '--secretlintrc', '.secretlintrc.json', '--format', 'unix', ...files];
  const run = await runTool(secretlint, args, { cwd: context.root, env: context.env });
  if (run.code === 0) return { scan, outcome: 'passed', summary: `${files.length} files, no secret found (secretlint, recommended rules)`, details: [] };
  const details = `${run.stdout}\n${run.stderr}`.split('\n').filter((line) => line.trim() !== '');
  if (run.code === 1) return { scan, outcome: 'failed', summary: `secretlint found secrets in the repository's files (values masked)`, details };
  return { scan, outcome: 'failed', summary: `secretlint could not run (exit ${run.code})`, details };
}

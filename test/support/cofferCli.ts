import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const COFFER = resolve(import.meta.dirname, '..', '..', 'bin', 'coffer');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs bin/coffer as a user would, with no terminal and only the COFFER_* variables given. */
export function coffer(args: string[], env: Record<string, string> = {}): CliRun {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('COFFER_')));
  const result = spawnSync(COFFER, args, { env: { ...base, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

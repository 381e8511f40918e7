import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const COFFER = resolve(import.meta.dirname, '..', '..', 'bin', 'coffer');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs bin/coffer as a user would, with no terminal and only the COFFER_* variables given. Asynchronous on
 * purpose: a synchronous spawn blocks the test worker, and on busy cores vitest then loses its heartbeat.
 */
export function coffer(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('COFFER_')));
  return new Promise((done, fail) => {
    const child = spawn(COFFER, args, { env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

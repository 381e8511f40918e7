import { spawn } from 'node:child_process';

/** What a command printed and how it ended. */
export interface ToolRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs one command without a shell (arguments are never re-parsed) and collects its output. A command
 * that cannot start resolves with code null and the reason in stderr, so every scan reports it the same way.
 */
export function runTool(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<ToolRun> {
  return new Promise(function collectOutput(resolve) {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => resolve({ code: null, stdout: '', stderr: `${command}: ${error.message}` }));
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }));
  });
}

import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CHILD_SCRIPT = 'test/support/crashChild.ts';

export type CrashChildMode = 'init' | 'passwd-loop' | 'rekey-loop' | 'write-loop' | 'audited-write-loop';

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Every line the child printed, including those still in the pipe when it died. */
  lines: string[];
  stderr: string;
}

interface LineWaiter {
  matches: (line: string) => boolean;
  resolve: (line: string) => void;
  reject: (error: Error) => void;
}

/**
 * A test/support/crashChild.ts process: its stdout as lines, a way to wait for one, and SIGKILL. The
 * child runs in its own Node process (not a worker), so the kill is as abrupt as a power cut is for the
 * process: no finally blocks, no exit handlers, no flush of anything it had not already written.
 */
export class CrashChild {
  readonly lines: string[] = [];
  /** performance.now() when each line arrived, beside `lines`. */
  readonly lineTimes: number[] = [];
  readonly exited: Promise<ChildExit>;
  #stderr = '';
  #partial = '';
  #waiters: LineWaiter[] = [];
  #process: ChildProcess;

  constructor(mode: CrashChildMode, args: string[], crashAt?: string) {
    const env = { ...process.env };
    delete env.COFFER_TEST_CRASH_AT;
    if (crashAt !== undefined) env.COFFER_TEST_CRASH_AT = crashAt;
    this.#process = spawn(process.execPath, ['--import', 'tsx/esm', CHILD_SCRIPT, mode, ...args], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#process.stdout?.setEncoding('utf8').on('data', (chunk: string) => this.#take(chunk));
    this.#process.stderr?.setEncoding('utf8').on('data', (chunk: string) => (this.#stderr += chunk));
    this.exited = new Promise((resolveExit, rejectExit) => {
      this.#process.on('error', rejectExit);
      // 'close' comes after both pipes are drained, so `lines` is complete by then.
      this.#process.on('close', (code, signal) => {
        if (this.#partial !== '') this.lines.push(this.#partial);
        for (const waiter of this.#waiters.splice(0)) {
          waiter.reject(new Error(`crash child exited (code ${code}, signal ${signal}) before the expected line; stderr: ${this.#stderr}`));
        }
        resolveExit({ code, signal, lines: this.lines, stderr: this.#stderr });
      });
    });
  }

  #take(chunk: string): void {
    const parts = (this.#partial + chunk).split('\n');
    this.#partial = parts.pop() ?? '';
    for (const line of parts) {
      this.lines.push(line);
      this.lineTimes.push(performance.now());
      for (const waiter of [...this.#waiters]) {
        if (!waiter.matches(line)) continue;
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  }

  /** Resolves with the first line (already printed or still to come) that `matches`. */
  waitForLine(matches: (line: string) => boolean): Promise<string> {
    const seen = this.lines.find(matches);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolveLine, reject) => this.#waiters.push({ matches, resolve: resolveLine, reject }));
  }

  /** Milliseconds from `ready` to the first line that `matches`; undefined if it never came. */
  msFromReadyTo(matches: (line: string) => boolean): number | undefined {
    const ready = this.lines.indexOf('ready');
    const index = this.lines.findIndex(matches);
    if (ready < 0 || index < 0) return undefined;
    return (this.lineTimes[index] ?? 0) - (this.lineTimes[ready] ?? 0);
  }

  get hasExited(): boolean {
    return this.#process.exitCode !== null || this.#process.signalCode !== null;
  }

  get stderr(): string {
    return this.#stderr;
  }

  /** SIGKILLs the child (a no-op if it already exited) and waits until it is gone and its pipes are read. */
  async kill(): Promise<ChildExit> {
    if (!this.hasExited) this.#process.kill('SIGKILL');
    return this.exited;
  }
}

/** Starts a child and waits until it says `ready` (vault unlocked, loop about to start). */
export async function startCrashChild(mode: CrashChildMode, args: string[], crashAt?: string): Promise<CrashChild> {
  const child = new CrashChild(mode, args, crashAt);
  await child.waitForLine((line) => line === 'ready');
  return child;
}

/** The last line that starts with `prefix`, without the prefix; undefined when there is none. */
export function lastLineAfter(lines: readonly string[], prefix: string): string | undefined {
  const line = lines.findLast((candidate) => candidate.startsWith(prefix));
  return line?.slice(prefix.length);
}

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { locateCheckout } from '../../src/desktop/index.js';
import { expect, PASSWORD, test, VAULT_SECRETS } from './fixtures.js';
import { filesHolding, listeningSockets, processTree } from './searchFiles.js';

const coffer = join(locateCheckout(import.meta.dirname), 'bin', 'coffer');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Listening TCP/UDP sockets seen in the process tree while it ran. */
  listening: string[];
  /** Whether a Chromium process was seen in the tree at all (so the socket check looked at something). */
  sawBrowser: boolean;
}

/** Runs `bin/coffer …` as a user would, with no DISPLAY, no TTY, and its own temp folder. */
function runCoffer(args: string[], env: Record<string, string>, tempDir: string): Promise<Run> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !['DISPLAY', 'WAYLAND_DISPLAY', 'XDG_RUNTIME_DIR', 'COFFER_PASSWORD'].includes(name)));
  const child = spawn(coffer, args, { env: { ...clean, TMPDIR: tempDir, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const listening = new Set<string>();
  let sawBrowser = false;
  const watch = setInterval(() => {
    if (child.pid === undefined) return;
    const tree = processTree(child.pid);
    sawBrowser ||= tree.some((pid) => {
      try {
        return /chrom/i.test(readFileSync(`/proc/${pid}/comm`, 'utf8'));
      } catch {
        return false;
      }
    });
    listeningSockets(tree).forEach((socket) => listening.add(socket));
  }, 150);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearInterval(watch);
      resolve({ code, stdout, stderr, listening: [...listening], sawBrowser });
    });
  });
}

test.describe('coffer app, started as a user starts it', () => {
  let tempDir: string;
  test.beforeEach(() => {
    tempDir = mkdtempSync(join(tmpdir(), 'coffer-e2e-cli-'));
  });
  test.afterEach(() => rmSync(tempDir, { recursive: true, force: true }));

  test('--screenshot F --exit with no DISPLAY draws under Xvfb, saves the unlocked dashboard, prints its path; no port was ever open and nothing is left behind', async ({ vaultDir }) => {
    const shot = join(tempDir, 'out', 'dashboard.png');
    const run = await runCoffer(['app', '--vault', vaultDir, '--screenshot', shot, '--exit'], { COFFER_PASSWORD: PASSWORD }, tempDir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(shot);
    expect(readFileSync(shot).subarray(0, 8)).toEqual(PNG_SIGNATURE);
    // What `ss -ltnup` would list for the shell and its browser: nothing. CDP runs over a pipe.
    expect(run.sawBrowser).toBe(true);
    expect(run.listening).toEqual([]);
    // The profile and the Xvfb cookie are gone; only the screenshot remains.
    expect(readdirSync(tempDir)).toEqual(['out']);
    expect(filesHolding(tempDir, VAULT_SECRETS).filter((file) => file !== shot)).toEqual([]);
  });

  test('a wrong password in the screenshot mode ends with the vault\'s reason and status 1', async ({ vaultDir }) => {
    const run = await runCoffer(['app', '--vault', vaultDir, '--screenshot', join(tempDir, 'x.png'), '--exit'], { COFFER_PASSWORD: 'wrong password, sorry' }, tempDir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/\[VAULT_WRONG_PASSWORD\]\n$/);
    expect(existsSync(join(tempDir, 'x.png'))).toBe(false);
    expect(readdirSync(tempDir).filter((name) => name.startsWith('coffer-'))).toEqual([]);
  });

  test('without a DISPLAY and without --screenshot it says what to do instead of waiting invisibly', async ({ vaultDir }) => {
    const run = await runCoffer(['app', '--vault', vaultDir], {}, tempDir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('use --screenshot FILE --exit to draw under Xvfb [DESKTOP_NO_DISPLAY]');
  });
});

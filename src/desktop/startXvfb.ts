import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CofferError } from '../contract/index.js';

export interface VirtualDisplay {
  /** ":N", for DISPLAY. */
  display: string;
  /** The cookie file clients need (XAUTHORITY). */
  xauthority: string;
  stop(): Promise<void>;
}

const XVFB_CANDIDATES = ['/usr/bin/Xvfb', '/usr/local/bin/Xvfb', '/opt/X11/bin/Xvfb'];
const START_TIMEOUT_MS = 10_000;

/**
 * Xvfb has no way to die with its parent, so it runs under a shell that holds the read end of our stdin:
 * when this process ends, however it ends (SIGKILL, a crash), the pipe closes, `read` returns, and the
 * shell stops Xvfb instead of leaving a display behind. `stop()` closes the pipe the same way.
 */
const WATCHDOG = [
  'exec 4<&0 </dev/null',
  '"$@" & xvfb=$!',
  '{ read -r _ <&4; kill -TERM "$xvfb" 2>/dev/null; } & reader=$!',
  // Xvfb's own exit (a failed start) still ends the shell, so the caller hears of it at once.
  'wait "$xvfb"; status=$?; kill "$reader" 2>/dev/null; exit "$status"',
].join('\n');

/**
 * An .Xauthority holding one MIT-MAGIC-COOKIE-1 for any display of this host (FamilyWild, empty
 * number): X11 has no isolation between clients, so without a cookie any local user could read the
 * window's pixels.
 */
function authorityFile(cookie: Uint8Array): Buffer {
  const field = (bytes: Uint8Array) => {
    const length = Buffer.alloc(2);
    length.writeUInt16BE(bytes.length);
    return Buffer.concat([length, bytes]);
  };
  const family = Buffer.from([0xff, 0xff]);
  return Buffer.concat([family, field(new Uint8Array()), field(new Uint8Array()), field(Buffer.from('MIT-MAGIC-COOKIE-1')), field(cookie)]);
}

/**
 * Starts Xvfb on a display it picks itself (-displayfd), TCP off, clients only with our cookie. Used when
 * there is no DISPLAY: the screenshot mode, CI and the e2e tests.
 */
export async function startXvfb(width: number, height: number): Promise<VirtualDisplay> {
  const binary = XVFB_CANDIDATES.find((path) => existsSync(path));
  if (binary === undefined) throw new CofferError('DESKTOP_NO_DISPLAY', 'no DISPLAY and no Xvfb to draw on: install it (Debian: apt-get install xvfb) or set DISPLAY');
  const dir = mkdtempSync(join(tmpdir(), 'coffer-xvfb-'));
  const xauthority = join(dir, 'Xauthority');
  writeFileSync(xauthority, authorityFile(globalThis.crypto.getRandomValues(new Uint8Array(16))), { mode: 0o600 });
  const child = spawn('/bin/sh', ['-c', WATCHDOG, 'coffer-xvfb', binary, '-displayfd', '3', '-screen', '0', `${width}x${height}x24`, '-nolisten', 'tcp', '-auth', xauthority, '-nocursor'], {
    stdio: ['pipe', 'ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin?.end();
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const display = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new CofferError('DESKTOP_XVFB_FAILED', `Xvfb did not start within ${START_TIMEOUT_MS} ms: ${stderr.trim().split('\n').at(-1) ?? ''}`)), START_TIMEOUT_MS);
    let text = '';
    const fd3 = child.stdio[3] as NodeJS.ReadableStream;
    fd3.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      // Xvfb writes the display number once it accepts connections.
      if (text.includes('\n')) {
        clearTimeout(timer);
        resolve(`:${text.trim()}`);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new CofferError('DESKTOP_XVFB_FAILED', `Xvfb exited with ${code}: ${stderr.trim().split('\n').at(-1) ?? ''}`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { display, xauthority, stop };
}

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startXvfb } from './startXvfb.js';

const HAVE_XVFB = existsSync('/usr/bin/Xvfb');
if (!HAVE_XVFB) console.warn('startXvfb.test.ts: no /usr/bin/Xvfb here, so the virtual display was not checked (make desktop-deps installs it)');

/** Xvfb creates this socket when it accepts clients and removes it when it exits cleanly. */
function socketOf(display: string): string {
  return `/tmp/.X11-unix/X${display.slice(1)}`;
}

async function gone(path: string): Promise<boolean> {
  // Bounded wait for the watchdog to act, not a measurement: 20 s covers a loaded CI machine.
  for (let waited = 0; waited < 20_000; waited += 100) {
    if (!existsSync(path)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

describe.skipIf(!HAVE_XVFB)('startXvfb', () => {
  it('serves a display until stop() and removes it then', async () => {
    const display = await startXvfb(320, 200);
    expect(existsSync(socketOf(display.display))).toBe(true);
    await display.stop();
    expect(await gone(socketOf(display.display))).toBe(true);
  });

  it('takes its display down when the process that started it is killed with SIGKILL', async () => {
    const module = fileURLToPath(new URL('./startXvfb.ts', import.meta.url));
    const script = `const { startXvfb } = await import(${JSON.stringify(module)}); const d = await startXvfb(320, 200); console.log(d.display); setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const display = await new Promise<string>((resolve, reject) => {
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('\n')) resolve(text.trim());
      });
      child.once('exit', (code) => reject(new Error(`the child exited with ${code} before printing its display`)));
    });
    expect(existsSync(socketOf(display))).toBe(true);
    child.kill('SIGKILL');
    expect(await gone(socketOf(display))).toBe(true);
  });
});

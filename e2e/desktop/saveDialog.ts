import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { expect } from '@playwright/test';
import type { AppShell } from '../../src/desktop/index.js';

const run = promisify(execFile);

/** Chromium's own helper windows and the app window itself; anything else on the display is a dialog. */
const NOT_A_DIALOG = /^(chromium|Chromium clipboard|.*Coffer)$/;

/**
 * Answers the browser's own save dialog (showSaveFilePicker → the GTK file chooser) the way a person does:
 * the name field takes a full path, Enter saves. xdotool types through XTEST into the dialog on the
 * shell's private Xvfb; nothing of the page is touched.
 */
export async function answerSaveDialog(shell: AppShell, path: string): Promise<void> {
  if (shell.display === undefined) throw new Error('the shell has no private display to drive');
  const env = { ...process.env, DISPLAY: shell.display.display, XAUTHORITY: shell.display.xauthority };
  const xdotool = (...args: string[]) => run('xdotool', args, { env }).then((r) => r.stdout.trim());
  const dialogs = async () => {
    const ids = (await xdotool('search', '--onlyvisible', '--name', '.').catch(() => '')).split('\n').filter(Boolean);
    const named = await Promise.all(ids.map(async (id) => ({ id, name: await xdotool('getwindowname', id).catch(() => 'chromium') })));
    return named.filter((window) => !NOT_A_DIALOG.test(window.name)).map((window) => window.id);
  };
  let dialog = '';
  await expect.poll(async () => (dialog = (await dialogs())[0] ?? ''), { timeout: 15_000 }).not.toBe('');
  await xdotool('windowfocus', '--sync', dialog);
  await xdotool('key', 'ctrl+a');
  await xdotool('type', '--delay', '5', path);
  // Enter only closes the name field's completion list here (no window manager): press Save, which sits
  // in the dialog's bottom-right corner, with the pointer.
  const geometry = await xdotool('getwindowgeometry', '--shell', dialog);
  const width = Number(/WIDTH=(\d+)/.exec(geometry)?.[1] ?? 0);
  const height = Number(/HEIGHT=(\d+)/.exec(geometry)?.[1] ?? 0);
  await expect
    .poll(async () => {
      if (!existsSync(path)) await xdotool('mousemove', '--window', dialog, String(width - 48), String(height - 24), 'click', '1');
      return existsSync(path);
    }, { timeout: 15_000, intervals: [1000] })
    .toBe(true);
}

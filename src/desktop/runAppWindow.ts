import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { BlockedListener } from './blockedEvent.js';
import { CofferError } from '../contract/index.js';
import { ensureUiBuilt, locateCheckout } from './ensureUiBuilt.js';
import { openSessionBackend } from './sessionBackend.js';
import { startAppShell, type AppShell } from './startAppShell.js';

export interface RunAppOptions {
  vaultDir: string;
  /** Save the unlocked dashboard here (needs `password`). */
  screenshot?: string;
  /** Close the window once the screenshot is saved. */
  exit?: boolean;
  /** Only for the screenshot mode: the window asks for it otherwise. */
  password?: () => Promise<string>;
  /** Lock sooner than the vault's own idle time. */
  maxLockAfterMs?: number;
  rpId?: string;
  onBlocked?: BlockedListener;
  env?: NodeJS.ProcessEnv;
}

export interface RunAppResult {
  screenshot?: string;
}

const DASHBOARD_READY = '[data-screen="overview"][data-ready="true"]';

async function saveDashboard(shell: AppShell, path: string): Promise<void> {
  await shell.page.waitForSelector(DASHBOARD_READY, { timeout: 30_000 });
  await shell.page.evaluate(async () => {
    await (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts.ready;
  });
  mkdirSync(dirname(path), { recursive: true });
  await shell.page.screenshot({ path });
}

/**
 * `coffer app`: the window on a vault until the user closes it; or, with --screenshot F --exit, unlock
 * with the given password, save the dashboard and close. With no display, the screenshot mode draws
 * under a private Xvfb.
 */
export async function runAppWindow(options: RunAppOptions): Promise<RunAppResult> {
  const env = options.env ?? process.env;
  const headless = process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY;
  // Ensure an invisible window never waits for a person who cannot see it.
  if (headless && !(options.screenshot && options.exit)) {
    throw new CofferError('DESKTOP_NO_DISPLAY', 'no DISPLAY to open the window on: set DISPLAY, or use --screenshot FILE --exit to draw under Xvfb');
  }
  const uiDir = ensureUiBuilt(locateCheckout());
  const backend = openSessionBackend(options.vaultDir, { maxLockAfterMs: options.maxLockAfterMs, ...(options.rpId === undefined ? {} : { rpId: options.rpId }) });
  if (options.screenshot !== undefined) {
    if (options.password === undefined) throw new CofferError('DESKTOP_UNLOCK_FAILED', 'the screenshot mode needs the password (COFFER_PASSWORD or --password-file)');
    // Unlocked before the window opens: a wrong password fails fast, and the window starts on the overview.
    const unlocked = await backend.unlock(await options.password());
    if (!unlocked.ok) throw new CofferError(unlocked.error.code, unlocked.error.message);
  }
  // Under Xvfb the window is a little taller, so the screenshot shows what waits below the balances.
  const size = headless ? { width: 1440, height: 1080 } : {};
  let shell: AppShell;
  try {
    shell = await startAppShell({ backend, uiDir, vaultDir: options.vaultDir, rpId: options.rpId, virtualDisplay: headless, onBlocked: options.onBlocked, env, ...size });
  } catch (error) {
    await backend.lock('shutdown');
    throw error;
  }
  const stop = () => void shell.close();
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  signals.forEach((signal) => process.once(signal, stop));
  try {
    let screenshot: string | undefined;
    if (options.screenshot !== undefined) {
      screenshot = resolve(options.screenshot);
      try {
        await saveDashboard(shell, screenshot);
      } catch (cause) {
        throw new CofferError('DESKTOP_SCREENSHOT_FAILED', `could not draw the dashboard into ${screenshot}: ${(cause as Error).message.split('\n')[0] ?? ''}`, { cause });
      }
    }
    if (!options.exit) await shell.closed;
    return screenshot === undefined ? {} : { screenshot };
  } finally {
    await shell.close();
    signals.forEach((signal) => process.off(signal, stop));
  }
}

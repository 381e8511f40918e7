import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { DEMO_PASSWORD, seedDemoVault, type BenchFigure } from '../../app/index.js';
import { chromiumArgs, REMOVED_PLAYWRIGHT_DEFAULTS } from '../chromiumArgs.js';
import { ensureUiBuilt, locateCheckout } from '../ensureUiBuilt.js';
import { findChromium } from '../findChromium.js';
import { openSessionBackend } from '../sessionBackend.js';
import { startAppShell } from '../startAppShell.js';
import { startXvfb } from '../startXvfb.js';
import { browserPssKiB, pssKiB } from './processMemory.js';
import { measureFilter } from './measureFilter.js';

/** The budget of vite.config.ts, as the issue states it. */
const INITIAL_JS_GOAL_BYTES = 250 * 1024;
const WIDTH = 1440;
const HEIGHT = 900;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** The same browser, same flags, app mode on a blank page, on its own Xvfb: the baseline of start and memory. */
async function bareWindow(path: string): Promise<{ ms: number; pssKiB: number }> {
  const started = performance.now();
  const display = await startXvfb(WIDTH, HEIGHT);
  const profile = mkdtempSync(join(tmpdir(), 'coffer-bench-bare-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: path,
      headless: false,
      args: chromiumArgs({ splashColor: '#ffffff', width: WIDTH, height: HEIGHT }),
      ignoreDefaultArgs: [...REMOVED_PLAYWRIGHT_DEFAULTS],
      chromiumSandbox: process.getuid?.() !== 0,
      env: { ...process.env, DISPLAY: display.display, XAUTHORITY: display.xauthority } as Record<string, string>,
      viewport: null,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.waitForLoadState('load');
    const ms = performance.now() - started;
    await page.waitForTimeout(1000);
    const pss = browserPssKiB(process.pid).kib;
    await context.close();
    return { ms, pssKiB: pss };
  } finally {
    await display.stop();
    rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * The desktop figures of issue 11: cold start to an unlocked dashboard against the bare browser window,
 * memory (PSS) of shell and browser against the bare window, keystroke-to-painted-rows over 21,000
 * bookings measured in the page, and the initial JavaScript. Each ratio is measured in this one run.
 */
export async function benchDesktop(emit: (figure: BenchFigure) => void, options: { quick?: boolean } = {}): Promise<void> {
  const browser = findChromium();
  if (browser === undefined || process.platform !== 'linux') {
    emit({ figure: 'desktop.skipped', unit: 'reason', value: 0, details: { reason: browser === undefined ? 'no Chromium found' : 'needs Linux /proc and Xvfb' } });
    return;
  }
  const uiDir = ensureUiBuilt(locateCheckout());
  const assets = JSON.parse(readFileSync(join(uiDir, 'coffer-assets.json'), 'utf8')) as { initialJsGzipBytes: number };
  emit({ figure: 'desktop.initial-js', unit: 'bytes gzipped', value: assets.initialJsGzipBytes, goal: `<= ${INITIAL_JS_GOAL_BYTES}`, met: assets.initialJsGzipBytes <= INITIAL_JS_GOAL_BYTES });

  const dir = mkdtempSync(join(tmpdir(), 'coffer-bench-desktop-'));
  try {
    const vaultDir = join(dir, 'alice');
    await seedDemoVault(vaultDir, { user: 'alice' }, () => Promise.resolve(DEMO_PASSWORD));
    const runs = options.quick ? 1 : 3;
    const bare: { ms: number; pssKiB: number }[] = [];
    const app: { ms: number; pssKiB: number; shellKiB: number }[] = [];
    let filter: { median: number; p95: number; samples: number; rows: number } | undefined;
    for (let run = 0; run < runs; run++) {
      bare.push(await bareWindow(browser.path));
      const started = performance.now();
      const backend = openSessionBackend(vaultDir);
      const unlocked = await backend.unlock(DEMO_PASSWORD);
      if (!unlocked.ok) throw new Error(unlocked.error.message);
      const shell = await startAppShell({ backend, uiDir, vaultDir, virtualDisplay: true, browser });
      try {
        await shell.page.waitForSelector('[data-screen="overview"][data-ready="true"]', { timeout: 60_000 });
        const ms = performance.now() - started;
        await shell.page.waitForTimeout(1000);
        const browserKiB = browserPssKiB(process.pid).kib;
        const shellKiB = pssKiB(process.pid);
        app.push({ ms, pssKiB: browserKiB + shellKiB, shellKiB });
        if (run === runs - 1) filter = await measureFilter(shell.page);
      } finally {
        await shell.close();
      }
    }
    const bareMs = median(bare.map((b) => b.ms));
    const appMs = median(app.map((a) => a.ms));
    emit({ figure: 'desktop.cold-start', unit: 'ms', value: Math.round(appMs), baseline: { name: 'bare app-mode window', value: Math.round(bareMs) }, ratio: +(appMs / bareMs).toFixed(2), goal: '<= 1.5', met: appMs / bareMs <= 1.5, details: { runs, includesUnlockKdf: true } });
    const barePss = median(bare.map((b) => b.pssKiB));
    const appPss = median(app.map((a) => a.pssKiB));
    emit({
      figure: 'desktop.pss-after-unlock',
      unit: 'KiB',
      value: appPss,
      baseline: { name: 'bare app-mode window', value: barePss },
      ratio: +(appPss / barePss).toFixed(2),
      goal: '<= 1.25',
      met: appPss / barePss <= 1.25,
      details: { shellNodeKiB: median(app.map((a) => a.shellKiB)), browserKiB: appPss - median(app.map((a) => a.shellKiB)) },
    });
    if (filter) {
      emit({ figure: 'desktop.filter-keystroke-to-paint', unit: 'ms', value: +filter.median.toFixed(1), goal: '< 100 (p95)', met: filter.p95 < 100, details: { p95: +filter.p95.toFixed(1), samples: filter.samples, rows: filter.rows } });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

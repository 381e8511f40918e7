import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { DEMO_PASSWORD, seedDemoVault } from '../../src/app/index.js';
import { locateCheckout, openInterimBackend, startAppShell, type AppShell, type BlockedEvent, type ShellBackend } from '../../src/desktop/index.js';

export { expect };

/** Screenshots of every screen, for people to look at (git-ignored). */
export const SCREENS_DIR = join(locateCheckout(import.meta.dirname), 'e2e', 'desktop', 'screens');
export const PASSWORD = DEMO_PASSWORD;

/** What the demo vault holds that must never reach the disk outside it (docs/commands.md). */
export const VAULT_SECRETS = ['DE89370400440532013000', 'DE62370400440532013001', 'GB29NWBK60161331926819', 'Thames Components Ltd', 'Van Dijk Trading', 'Alpen Logistik GmbH'];

export interface App {
  shell: AppShell;
  page: Page;
  backend: ShellBackend;
  blocked: BlockedEvent[];
  /** The system temp folder of this worker's shell and browser (TMPDIR). */
  tempDir: string;
  /** Unlocks through the lock screen, as a person would, and waits for the overview. */
  unlock(password?: string): Promise<void>;
  screenshot(name: string): Promise<void>;
}

interface AppOptions {
  /** Lock after this many ms without activity (the vault's own setting is 5 min). */
  lockAfterMs: number | undefined;
}

export const test = base.extend<AppOptions & { app: App }, { vaultDir: string; tempDir: string }>({
  lockAfterMs: [undefined, { option: true }],
  tempDir: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      // A temp folder of the worker's own, so a test can search all of it; the shell and Chromium use it.
      const dir = mkdtempSync(join(tmpdir(), 'coffer-e2e-tmp-'));
      const saved = { TMPDIR: process.env.TMPDIR, XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR };
      process.env.TMPDIR = dir;
      delete process.env.XDG_RUNTIME_DIR;
      await use(dir);
      Object.assign(process.env, saved);
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  vaultDir: [
    async ({ tempDir: _tempDir }, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'coffer-e2e-vault-'));
      await seedDemoVault(join(dir, 'alice'), { user: 'alice' }, () => Promise.resolve(PASSWORD));
      await use(join(dir, 'alice'));
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  app: async ({ vaultDir, tempDir, lockAfterMs }, use) => {
    const blocked: BlockedEvent[] = [];
    const backend = openInterimBackend(vaultDir, { maxLockAfterMs: lockAfterMs });
    const uiDir = join(locateCheckout(import.meta.dirname), 'dist', 'ui');
    const shell = await startAppShell({ backend, uiDir, vaultDir, virtualDisplay: true, onBlocked: (event) => blocked.push(event) });
    const page = shell.page;
    await expect(page.locator('[data-screen="lock"]')).toBeVisible();
    mkdirSync(SCREENS_DIR, { recursive: true });
    const app: App = {
      shell,
      page,
      backend,
      blocked,
      tempDir,
      async unlock(password = PASSWORD) {
        await page.getByLabel(/Vault password|Tresor-Passwort/).fill(password);
        await page.getByRole('button', { name: /^(Unlock|Entsperren)$/ }).click();
        await expect(page.locator('[data-screen="overview"][data-ready="true"]')).toBeVisible({ timeout: 20_000 });
      },
      async screenshot(name) {
        await page.evaluate(() => (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts.ready);
        await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`) });
      },
    };
    await use(app);
    await shell.close();
  },
});

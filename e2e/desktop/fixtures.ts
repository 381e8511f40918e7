import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { DEMO_PASSWORD, installOrgPolicy, seedDemoVault } from '../../src/app/index.js';
import { DEMO_BANK_SIGNING_KEY } from '../../src/app/demo/demoBankKey.js';
import { demoOrgPolicy } from '../../src/app/demo/demoOrganisation.js';
import { signOrgPolicy, type OrgPolicy } from '../../src/policy/index.js';
import { unlockVault } from '../../src/vault/index.js';
import { locateCheckout, openSessionBackend, startAppShell, type AppShell, type BackgroundSyncOptions, type BlockedEvent, type ShellBackend } from '../../src/desktop/index.js';

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
  /** Lock after this many ms without activity (the vault's own setting is 5 min); a new worker per value. */
  lockAfterMs: number | undefined;
  /** Whose demo vault the worker opens (alice the maker, bob the approver, dave the auditor…); a new worker per value. */
  user: string;
  /** The hardware-key rules of a demo policy the demo bank signs for this worker's vault (keys required, step-up window). */
  hardwareKeys: OrgPolicy['hardwareKeys'];
  /**
   * A worker's vault is shared by every spec file with the same options, in whatever order they run: a spec
   * that changes the demo's payments or keys, or one that needs them as seeded, names itself here to get a
   * vault (and a worker) of its own.
   */
  ownVault: string;
}

/** Replaces the seeded policy by one with `hardwareKeys`, signed by the demo bank like the seed's. */
async function installKeyRules(dir: string, hardwareKeys: NonNullable<OrgPolicy['hardwareKeys']>): Promise<void> {
  const vault = await unlockVault(dir, { password: PASSWORD }, { autoLockMs: null });
  try {
    await installOrgPolicy(vault, await signOrgPolicy({ ...demoOrgPolicy(new Date()), hardwareKeys }, DEMO_BANK_SIGNING_KEY));
  } finally {
    vault.lock();
  }
}

/** The shell on any vault (a spec with vaults of its own, not the worker's demo vault), at its lock screen. */
export async function openApp(vaultDir: string, tempDir: string, lockAfterMs: number | undefined, sync: BackgroundSyncOptions | false = false): Promise<App> {
  const blocked: BlockedEvent[] = [];
  // No sync of its own unless a spec asks: the specs drive `coffer sync` where they need one, step by step.
  const backend = openSessionBackend(vaultDir, { maxLockAfterMs: lockAfterMs, sync });
  const uiDir = join(locateCheckout(import.meta.dirname), 'dist', 'ui');
  const shell = await startAppShell({ backend, uiDir, vaultDir, virtualDisplay: true, onBlocked: (event) => blocked.push(event) });
  const page = shell.page;
  await expect(page.locator('[data-screen="lock"]')).toBeVisible();
  mkdirSync(SCREENS_DIR, { recursive: true });
  return {
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
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`) });
    },
  };
}

/**
 * `app`: one shell per worker (starting Chromium costs seconds on two cores), brought back to a fresh
 * lock screen before each test: vault locked, the page reloaded, extra windows closed, the list of
 * refusals emptied. `ownApp`: a shell of the test's own, for tests that close it.
 */
export const test = base.extend<{ app: App; ownApp: App }, AppOptions & { vaultDir: string; tempDir: string; sharedApp: App }>({
  lockAfterMs: [undefined, { option: true, scope: 'worker' }],
  user: ['alice', { option: true, scope: 'worker' }],
  hardwareKeys: [undefined, { option: true, scope: 'worker' }],
  ownVault: ['', { option: true, scope: 'worker' }],
  tempDir: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      // A temp folder of the worker's own, so a test can search all of it; the shell and Chromium use it.
      const dir = mkdtempSync(join(tmpdir(), 'coffer-e2e-tmp-'));
      const saved = { TMPDIR: process.env.TMPDIR, XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR, TSX_DISABLE_CACHE: process.env.TSX_DISABLE_CACHE };
      process.env.TMPDIR = dir;
      delete process.env.XDG_RUNTIME_DIR;
      // Here the shell runs from the TypeScript sources, so its worker threads load their entries through tsx,
      // whose cache of transformed sources (demo constants included) would land in this folder. A packaged app
      // loads bundled .mjs workers and writes no such cache; what these tests search for is what Coffer writes.
      process.env.TSX_DISABLE_CACHE = '1';
      await use(dir);
      Object.assign(process.env, saved);
      if (saved.TSX_DISABLE_CACHE === undefined) delete process.env.TSX_DISABLE_CACHE;
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  vaultDir: [
    async ({ tempDir: _tempDir, user, hardwareKeys, ownVault }, use) => {
      const dir = mkdtempSync(join(tmpdir(), `coffer-e2e-vault-${ownVault.replace(/[^a-z-]/g, '')}`));
      await seedDemoVault(join(dir, user), { user }, () => Promise.resolve(PASSWORD));
      if (hardwareKeys !== undefined) await installKeyRules(join(dir, user), hardwareKeys);
      await use(join(dir, user));
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  sharedApp: [
    async ({ vaultDir, tempDir, lockAfterMs }, use) => {
      const app = await openApp(vaultDir, tempDir, lockAfterMs);
      await use(app);
      await app.shell.close();
    },
    { scope: 'worker' },
  ],
  app: async ({ sharedApp }, use) => {
    const { page, shell, backend, blocked } = sharedApp;
    const settleOnLockScreen = async () => {
      const wasUnlocked = backend.session() !== undefined;
      // Locking reloads the page by itself (the shell's onLock); otherwise reload it here.
      await backend.lock('user');
      if (!wasUnlocked) await page.goto(`${shell.origin}/`).catch(() => undefined);
      await page.waitForURL(`${shell.origin}/`);
      await expect(page.locator('[data-screen="lock"]')).toBeVisible();
    };
    for (const other of shell.context.pages()) if (other !== page) await other.close();
    // The language choice survives reloads in sessionStorage; each test starts from the system's.
    await page.evaluate(() => sessionStorage.clear()).catch(() => undefined);
    await settleOnLockScreen();
    blocked.length = 0;
    await use(sharedApp);
    // The vault admits one process at a time: a test with a shell of its own may come next in this worker.
    await settleOnLockScreen();
  },
  ownApp: async ({ vaultDir, tempDir, lockAfterMs }, use) => {
    const app = await openApp(vaultDir, tempDir, lockAfterMs);
    await use(app);
    await app.shell.close();
  },
});

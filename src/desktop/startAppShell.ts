import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { attachDemoAuthenticator, type AttachedAuthenticator } from './attachDemoAuthenticator.js';
import type { BlockedEvent, BlockedListener } from './blockedEvent.js';
import { chromiumArgs, REMOVED_PLAYWRIGHT_DEFAULTS } from './chromiumArgs.js';
import { CofferError } from '../contract/index.js';
import { findChromium, type ChromiumInstall } from './findChromium.js';
import { guardWindow } from './guardWindow.js';
import { loadUiBundle } from './loadUiBundle.js';
import { openIpcDoor } from './openIpcDoor.js';
import { createProfile, removeProfile } from './profileDir.js';
import { serveUi } from './serveUi.js';
import type { LockReason, ShellBackend } from './shellBackend.js';
import { startXvfb, type VirtualDisplay } from './startXvfb.js';

/** The relying party of WebAuthn; the UI is served at https://desktop.<rpId>. */
export const DEFAULT_RP_ID = 'bank.example';
const LABEL = /^[a-z0-9-]{1,63}$/;

/** A DNS host name of at least two labels, lower case, no label starting or ending with a hyphen. */
function isHostName(name: string): boolean {
  const labels = name.split('.');
  return name.length <= 200 && labels.length >= 2 && labels.every((label) => LABEL.test(label) && !label.startsWith('-') && !label.endsWith('-'));
}
/** The lock screen's background, so the window does not flash white before the UI is drawn. */
const SPLASH_COLOR = '#0b1626';
/** Environment the browser inherits: what it needs to draw and find fonts, and no secret of ours. */
const BROWSER_ENV = /^(PATH|HOME|USER|LOGNAME|LANG|LANGUAGE|LC_[A-Z]+|TZ|TMPDIR|XDG_[A-Z_]+|FONTCONFIG_[A-Z_]+|WAYLAND_DISPLAY|DBUS_SESSION_BUS_ADDRESS|SystemRoot|LOCALAPPDATA|APPDATA|PROGRAMFILES.*|TEMP|TMP)$/;

export interface AppShellOptions {
  backend: ShellBackend;
  /** The built UI (dist/ui), checked file by file before anything is served. */
  uiDir: string;
  /** For taking machine paths out of messages to the renderer. */
  vaultDir: string;
  rpId?: string;
  browser?: ChromiumInstall;
  /** Draw on a private Xvfb instead of DISPLAY. */
  virtualDisplay?: boolean;
  onBlocked?: BlockedListener;
  width?: number;
  height?: number;
  env?: NodeJS.ProcessEnv;
}

export interface AppShell {
  page: Page;
  context: BrowserContext;
  origin: string;
  profileDir: string;
  /** The private Xvfb the window is drawn on, when there is one (tests drive native dialogs there). */
  display?: { display: string; xauthority: string };
  /** Every refusal so far, in order (also passed to onBlocked as it happens). */
  blocked: readonly BlockedEvent[];
  /** DEMO ONLY: the id of the virtual authenticator holding the demo key while a demo vault is open. */
  demoAuthenticatorId(): string | undefined;
  /** Settles when the window is gone and everything is cleaned up, whoever closed it. */
  closed: Promise<void>;
  close(): Promise<void>;
}

function browserEnv(env: NodeJS.ProcessEnv, display: VirtualDisplay | undefined): Record<string, string> {
  const kept = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => BROWSER_ENV.test(e[0]) && e[1] !== undefined));
  if (env.DISPLAY !== undefined && display === undefined) kept.DISPLAY = env.DISPLAY;
  if (env.XAUTHORITY !== undefined && display === undefined) kept.XAUTHORITY = env.XAUTHORITY;
  return display === undefined ? kept : { ...kept, DISPLAY: display.display, XAUTHORITY: display.xauthority };
}

function languageOf(env: NodeJS.ProcessEnv): string | undefined {
  // de_DE.UTF-8 → de-DE; C, POSIX and C.UTF-8 say nothing.
  const [language, region] = (env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '').split('.')[0]?.split('_') ?? [];
  if (language === undefined || !/^[a-z]{2}$/.test(language)) return undefined;
  return region !== undefined && /^[A-Z]{2}$/.test(region) ? `${language}-${region}` : language;
}

/**
 * Opens the app window (DESIGN.md "The desktop shell"), in order: find the browser, check the built UI,
 * get a display, make a throw-away profile, launch Chromium over a pipe, serve the UI from memory, guard
 * the window, open the one IPC door, show the UI. The profile and the display go when the window does.
 */
export async function startAppShell(options: AppShellOptions): Promise<AppShell> {
  const env = options.env ?? process.env;
  const rpId = options.rpId ?? DEFAULT_RP_ID;
  // Ensure the origin is a plain host name: it becomes the WebAuthn relying party.
  if (!isHostName(rpId)) throw new CofferError('DESKTOP_BAD_RP_ID', `expected a host name as rpId, found ${JSON.stringify(rpId)}`);
  const origin = `https://desktop.${rpId}`;
  const browser = options.browser ?? findChromium(env);
  if (browser === undefined) throw new CofferError('DESKTOP_NO_BROWSER', 'no Chromium, Chrome or Edge found: install one (Debian: apt-get install chromium) or set COFFER_CHROMIUM');
  const bundle = await loadUiBundle(options.uiDir);
  const width = options.width ?? 1440;
  const height = options.height ?? 900;
  if (!options.virtualDisplay && process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    throw new CofferError('DESKTOP_NO_DISPLAY', 'no DISPLAY to open the window on: set DISPLAY, or use --screenshot FILE --exit to draw under Xvfb');
  }

  const blocked: BlockedEvent[] = [];
  const report: BlockedListener = (event) => {
    blocked.push(event);
    options.backend.recordBlocked(event);
    options.onBlocked?.(event);
  };
  const display = options.virtualDisplay ? await startXvfb(width, height) : undefined;
  const profileDir = createProfile();
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: browser.path,
      headless: false,
      args: chromiumArgs({ splashColor: SPLASH_COLOR, width, height, lang: languageOf(env) }),
      ignoreDefaultArgs: [...REMOVED_PLAYWRIGHT_DEFAULTS],
      // Chromium's sandbox needs an unprivileged user; as root (containers, CI) it cannot start with it.
      chromiumSandbox: process.getuid?.() !== 0,
      env: browserEnv(env, display),
      acceptDownloads: false,
      serviceWorkers: 'block',
      viewport: null,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
  } catch (cause) {
    await removeProfile(profileDir);
    await display?.stop();
    throw new CofferError('DESKTOP_LAUNCH_FAILED', `could not start ${browser.path}: ${(cause as Error).message.split('\n')[0] ?? ''}`, { cause });
  }

  let cleaned: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaned ??= (async () => {
      await options.backend.lock('shutdown');
      await removeProfile(profileDir).catch((error: unknown) => {
        // Closing must finish even so; the next start removes what a dead shell left.
        process.stderr.write(`coffer: could not delete the browser profile ${profileDir}: ${(error as Error).message}\n`);
      });
      await display?.stop();
    })());
  const closed = new Promise<void>((resolve) => context.once('close', () => void cleanUp().then(resolve)));

  try {
    const page = context.pages()[0] ?? (await context.newPage());
    let lastLockReason: LockReason | undefined;
    await serveUi(context, origin, bundle, report);
    await guardWindow(context, page, origin, report);
    await openIpcDoor({ page, origin, backend: options.backend, vaultDir: options.vaultDir, onBlocked: report, lastLockReason: () => lastLockReason });
    // DEMO ONLY: a demo vault's key in a virtual authenticator while it is open (attachDemoAuthenticator).
    let demo: Promise<AttachedAuthenticator | undefined> = Promise.resolve(undefined);
    let demoId: string | undefined;
    const attachDemo = () => {
      const credential = options.backend.demoAuthenticator();
      if (credential === undefined) return;
      demo = demo.then(async (attached) => {
        if (attached !== undefined || options.backend.session() === undefined) return attached;
        const fresh = await attachDemoAuthenticator(context, page, credential).catch((error: unknown) => {
          process.stderr.write(`coffer: the demo authenticator could not be attached: ${(error as Error).message.split('\n')[0] ?? ''}\n`);
          return undefined;
        });
        demoId = fresh?.authenticatorId;
        return fresh;
      });
    };
    const detachDemo = () => {
      demo = demo.then(async (attached) => {
        demoId = undefined;
        await attached?.detach();
        return undefined;
      });
      return demo;
    };
    options.backend.onUnlock(attachDemo);
    // When the vault locks, the page goes: a reload wipes everything the renderer held.
    options.backend.onLock((reason) => {
      lastLockReason = reason;
      void detachDemo();
      if (reason !== 'shutdown') void page.goto(`${origin}/`).catch(() => undefined);
    });
    // `coffer app --screenshot` unlocks before the window opens.
    attachDemo();
    await demo;
    await page.goto(`${origin}/`);
    return {
      page,
      context,
      origin,
      profileDir,
      ...(display === undefined ? {} : { display: { display: display.display, xauthority: display.xauthority } }),
      blocked,
      demoAuthenticatorId: () => demoId,
      closed,
      async close() {
        await context.close().catch(() => undefined);
        await closed;
      },
    };
  } catch (error) {
    await context.close().catch(() => undefined);
    await closed;
    throw error;
  }
}

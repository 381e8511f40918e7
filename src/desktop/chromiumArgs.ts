/*
 * Chromium's command line for the app window. Playwright adds its own defaults (no sync, no component
 * updates, no background networking, no first-run, breakpad off, a pipe for CDP and no port); we add
 * the ones below and take out the automation conveniences that weaken a window a person uses.
 */

/** Playwright defaults we remove: each loosens the browser for test automation, which this window is not. */
export const REMOVED_PLAYWRIGHT_DEFAULTS: readonly string[] = [
  // Its positional start page; the window opens in app mode instead.
  'about:blank',
  // Keep Chromium's popup blocker: window.open without a click never opens (the shell closes the rest).
  '--disable-popup-blocking',
  // Keep IPC flooding protection and the hang monitor of a normal browser.
  '--disable-ipc-flooding-protection',
  '--disable-hang-monitor',
  // No software WebGL fallback and no self-XSS warning bypass in DevTools.
  '--enable-unsafe-swiftshader',
  '--unsafely-disable-devtools-self-xss-warnings',
  '--allow-pre-commit-input',
];

export interface ChromiumArgsOptions {
  /** What the app window shows before the shell navigates it to the UI's origin. */
  splashColor: string;
  width: number;
  height: number;
  /** The UI language (BCP 47), from the system. */
  lang?: string;
}

export function chromiumArgs(options: ChromiumArgsOptions): string[] {
  // A data: URL: app mode needs a URL, and this one loads nothing before the shell's routes are in place.
  const splash = `data:text/html,<title>Coffer</title><body bgcolor="${options.splashColor}"></body>`;
  return [
    `--app=${splash}`,
    `--window-size=${options.width},${options.height}`,
    '--window-position=0,0',
    ...(options.lang ? [`--lang=${options.lang}`] : []),
    // Off the network: requests the shell does not serve are aborted by the route; whatever else the
    // browser itself might send goes to a proxy on the discard port, where nothing listens.
    '--proxy-server=http://127.0.0.1:9',
    '--proxy-bypass-list=<-loopback>',
    '--disable-quic',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--no-pings',
    '--disable-domain-reliability',
    '--disable-client-side-phishing-detection',
    // No --disable-features here: Chromium keeps only the last one, and Playwright's (OptimizationHints,
    // MediaRouter, …) must stay. Translation and autofill are off in the profile's preferences instead.
    // Nothing of the UI is cached on disk (responses also say no-store).
    '--disk-cache-size=1',
    '--media-cache-size=1',
    '--disable-breakpad',
    '--disable-crash-reporter',
  ];
}

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface ChromiumInstall {
  path: string;
  version: string;
}

const CANDIDATES: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/microsoft-edge'],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  ],
  win32: [
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
  ],
};

/** The Chromium-family browser the desktop shell will drive: COFFER_CHROMIUM first, then the usual places. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumInstall | undefined {
  const candidates = [env.COFFER_CHROMIUM, ...(CANDIDATES[process.platform] ?? [])].filter((p): p is string => !!p);
  for (const path of candidates) {
    if (!existsSync(path)) continue;
    try {
      const version = execFileSync(path, ['--version'], { timeout: 10_000, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      return { path, version };
    } catch {
      return { path, version: 'unknown (did not answer --version)' };
    }
  }
  return undefined;
}

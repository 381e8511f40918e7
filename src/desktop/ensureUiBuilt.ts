import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CofferError } from '../contract/index.js';
import { ASSET_LIST } from './loadUiBundle.js';

const MAX_LEVELS_UP = 5;

/** Where this copy of Coffer lives: the nearest folder above `from` with package.json and dist/ui or src/ui. */
export function locateCheckout(from = import.meta.dirname): string {
  let dir = from;
  for (let level = 0; level <= MAX_LEVELS_UP; level++) {
    if (existsSync(join(dir, 'package.json')) && (existsSync(join(dir, 'src', 'ui', 'index.html')) || existsSync(join(dir, 'dist', 'ui', ASSET_LIST)))) return dir;
    dir = dirname(dir);
  }
  throw new CofferError('DESKTOP_UI_MISSING', `expected a Coffer checkout or release above ${from}, found none`);
}

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

/**
 * In a checkout, rebuilds dist/ui (npm run build:ui) when it is missing or older than its sources, as
 * bin/coffer does for the CLI bundle. A release ships dist/ui without sources and is used as it is.
 */
export function ensureUiBuilt(checkout: string): string {
  const uiDir = join(checkout, 'dist', 'ui');
  const sources = [join(checkout, 'src', 'ui'), join(checkout, 'vite.config.ts'), join(checkout, 'package-lock.json')].filter((path) => existsSync(path));
  if (!existsSync(join(checkout, 'src', 'ui'))) return uiDir;
  const list = join(uiDir, ASSET_LIST);
  if (existsSync(list) && statSync(list).mtimeMs >= Math.max(...sources.map(newestMtime))) return uiDir;
  process.stderr.write('coffer: building the window\'s UI (npm run build:ui)…\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // A production build whatever the caller's NODE_ENV: under a test runner (NODE_ENV=test) Vite would bundle
  // React's development build, which is slower and over the first screen's budget.
  const env = { ...process.env, NODE_ENV: 'production' };
  const build = spawnSync(npm, ['run', '--silent', 'build:ui'], { cwd: checkout, env, stdio: ['ignore', 2, 2], timeout: 300_000 });
  if (build.status !== 0) throw new CofferError('DESKTOP_UI_BUILD_FAILED', `npm run build:ui failed with ${build.status ?? build.signal}; see the lines above`);
  return uiDir;
}

import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { isLeftoverTempFile } from './atomicWrite.js';
import { INIT_DB_PREFIX } from './paths.js';

/** Temp files of a crashed atomic write; never the live copy of anything, so safe to remove. */
export function removeLeftoverTempFiles(dir: string): void {
  for (const name of readdirSync(dir)) {
    if (isLeftoverTempFile(name)) rmSync(join(dir, name), { force: true });
  }
}

/** Databases of `init` runs that crashed before their key file was written: nothing can ever open them. */
export function initDatabases(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.startsWith(INIT_DB_PREFIX) && !name.endsWith('-journal'))
    .map((name) => join(dir, name));
}

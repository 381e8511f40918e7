import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { removeFileDurably } from './atomicWrite.js';
import { ioError } from './errors.js';

/**
 * Exactly the temp names writeFileAtomic gives vault.keys and vault.backoff (`<name>.tmp-` + 12 hex digits,
 * TEMP_NAME_HEX_LENGTH): a user's `thesis.tmp-final.docx` never matches. leftovers.test.ts checks both agree.
 */
const ATOMIC_TEMP = /^vault\.(?:keys|backoff)\.tmp-[0-9a-f]{12}$/;
/** Exactly the names of init's databases (INIT_DB_PREFIX + 12 hex digits) and of their rollback journals. */
const INIT_DB = /^vault\.db\.init-[0-9a-f]{12}(?:-journal)?$/;

function namesIn(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (cause) {
    throw ioError('list', dir, cause);
  }
}

/** A file that only a crashed Coffer leaves in a vault folder and that is never the live copy of anything. */
export function isCofferLeftover(name: string): boolean {
  return ATOMIC_TEMP.test(name) || INIT_DB.test(name);
}

/** Temp files of a crashed atomic write (exact names only); never the live copy of anything, so safe to remove. */
export function removeLeftoverTempFiles(dir: string): void {
  for (const name of namesIn(dir)) {
    if (ATOMIC_TEMP.test(name)) removeFileDurably(join(dir, name));
  }
}

/** Databases of `init` runs that crashed before their key file was written: nothing can ever open them. */
export function initDatabases(dir: string): string[] {
  return namesIn(dir)
    .filter((name) => INIT_DB.test(name) && !name.endsWith('-journal'))
    .map((name) => join(dir, name));
}

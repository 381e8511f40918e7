import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { writeFileAtomic } from '../../../vault/index.js';
import { AppError } from '../../dispatch/appError.js';

/** Refuses a target that exists (no silent overwrite of an earlier bank file) or whose folder does not. */
export function checkBankFileTarget(path: string): string {
  const target = resolve(path);
  if (existsSync(target)) throw new AppError('APP_FILE_EXISTS', `expected a new file, found ${target} already there`);
  const folder = dirname(target);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new AppError('APP_BAD_FILE', `expected an existing folder for ${target}, found none`);
  return target;
}

/**
 * Writes a bank file so that a crash leaves either no file or the whole file (temp, fsync, rename, fsync
 * of the folder), never a truncated payment order.
 */
export function writeBankFile(path: string, contents: string): void {
  const target = checkBankFileTarget(path);
  writeFileAtomic(target, contents, 0o600);
}

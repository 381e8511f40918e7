import { existsSync, readFileSync } from 'node:fs';
import { CofferError, BackoffRecord, type SlotKind } from '../contract/index.js';
import { removeFileDurably, writeFileAtomic } from './atomicWrite.js';

/**
 * Wrong guesses are counted in a small file beside the vault (the vault itself is locked and cannot be
 * written). This slows guessing through Coffer only: whoever copies the files guesses offline at the speed
 * of the KDF, which is why the KDF is calibrated and floored (docs/security.md).
 */
export const FREE_ATTEMPTS = 3;
export const MAX_DELAY_SECONDS = 300;

const EMPTY: BackoffRecord = { failures: 0, lastFailureAt: null, attempts: [] };

export function readBackoff(path: string): BackoffRecord {
  if (!existsSync(path)) return EMPTY;
  try {
    return BackoffRecord.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    // A damaged counter must not lock the owner out; count it as one more failure instead of none.
    return { failures: FREE_ATTEMPTS + 1, lastFailureAt: new Date().toISOString(), attempts: [] };
  }
}

export function backoffDelaySeconds(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_SECONDS, 2 ** (failures - FREE_ATTEMPTS));
}

/** Refuses an attempt made before the back-off after the last failure has run out. */
export function ensureNotBackingOff(path: string, now = new Date()): void {
  const record = readBackoff(path);
  if (record.lastFailureAt === null) return;
  const readyAt = Date.parse(record.lastFailureAt) + backoffDelaySeconds(record.failures) * 1000;
  if (now.getTime() < readyAt) {
    const wait = Math.ceil((readyAt - now.getTime()) / 1000);
    throw new CofferError('VAULT_BACKOFF', `${record.failures} wrong attempts: wait ${wait} s before trying again`);
  }
}

export function recordFailedAttempt(path: string, via: SlotKind, now = new Date()): BackoffRecord {
  const previous = readBackoff(path);
  const record: BackoffRecord = {
    failures: previous.failures + 1,
    lastFailureAt: now.toISOString(),
    attempts: [...previous.attempts, { at: now.toISOString(), via }].slice(-1000),
  };
  writeFileAtomic(path, `${JSON.stringify(record)}\n`);
  return record;
}

/** Returns the failed attempts since the last unlock (for the audit log) and clears the counter. */
export function takeFailedAttempts(path: string): BackoffRecord['attempts'] {
  const record = readBackoff(path);
  if (existsSync(path)) removeFileDurably(path);
  return record.attempts;
}

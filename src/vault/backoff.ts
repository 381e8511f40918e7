import { CofferError, BackoffRecord, type SlotKind } from '../contract/index.js';
import { removeFileDurably, writeFileAtomic } from './atomicWrite.js';
import { systemCode } from './errors.js';
import { readSmallFile } from './readSmallFile.js';

/**
 * Wrong guesses are counted in a small file beside the vault (the vault itself is locked and cannot be
 * written). This slows guessing through Coffer only: whoever copies the files guesses offline at the speed
 * of the KDF, which is why the KDF is calibrated and floored (docs/security.md). Whoever can write the
 * folder can also delete this file, so a damaged file is never worth more than one failure: it must not
 * lock the owner out, and deleting it would cost the attacker less anyway.
 */
export const FREE_ATTEMPTS = 3;
export const MAX_DELAY_SECONDS = 300;
/** 1,000 attempts of about 60 bytes each; anything much larger was not written by Coffer. */
const MAX_BACKOFF_FILE_BYTES = 256 * 1024;

const EMPTY: BackoffRecord = { failures: 0, lastFailureAt: null, attempts: [] };

export interface BackoffState {
  record: BackoffRecord;
  /** Set when the file on disk cannot be trusted as it is and `record` is its repaired form. */
  repair?: string;
}

function damaged(why: string, now: Date): BackoffState {
  return {
    record: { failures: 1, lastFailureAt: now.toISOString(), attempts: [] },
    repair: `vault.backoff was damaged (${why}) and was reset to one failure`,
  };
}

function parseRecord(bytes: Buffer): BackoffRecord | string {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    return bytes.length === 0 ? 'empty' : 'not JSON';
  }
  const parsed = BackoffRecord.safeParse(json);
  return parsed.success ? parsed.data : 'not a back-off record';
}

/**
 * The counter as far as it can be trusted: a damaged file is one failure at `now`; a failure dated after
 * `now` (an edited file, or a clock that went back) is moved to `now`, so no wait exceeds the cap.
 */
export function inspectBackoff(path: string, now = new Date()): BackoffState {
  const file = readSmallFile(path, MAX_BACKOFF_FILE_BYTES);
  if (!file.found) return { record: EMPTY };
  if ('problem' in file) return damaged(file.problem, now);
  const record = parseRecord(file.bytes);
  if (typeof record === 'string') return damaged(record, now);
  if (record.lastFailureAt !== null && Date.parse(record.lastFailureAt) > now.getTime()) {
    return {
      record: { ...record, lastFailureAt: now.toISOString() },
      repair: `vault.backoff dated the last failure in the future (${record.lastFailureAt}); it now counts from ${now.toISOString()}`,
    };
  }
  return { record };
}

export function readBackoff(path: string, now = new Date()): BackoffRecord {
  return inspectBackoff(path, now).record;
}

export function backoffDelaySeconds(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  // 2^9 > 300 already; capping the exponent keeps any count, however large, a finite number of seconds.
  return Math.min(MAX_DELAY_SECONDS, 2 ** Math.min(failures - FREE_ATTEMPTS, 16));
}

function writeBackoff(path: string, record: BackoffRecord): void {
  writeFileAtomic(path, `${JSON.stringify(record)}\n`);
}

export interface BackoffCheck {
  /** What the user should hear about the counter (it was repaired, or could not be). */
  notes: string[];
}

/**
 * Refuses an attempt made before the back-off after the last failure has run out. A repaired counter is
 * written back first, so that its new time ages like any other; if it cannot be written, no wait is
 * imposed, since a wait measured from each attempt's own "now" would never end.
 */
export function ensureNotBackingOff(path: string, now = new Date()): BackoffCheck {
  const { record, repair } = inspectBackoff(path, now);
  const notes: string[] = [];
  if (repair !== undefined) {
    try {
      writeBackoff(path, record);
      notes.push(repair);
    } catch (error) {
      notes.push(`${repair}, but the repair could not be saved (${systemCode(error)})`);
      return { notes };
    }
  }
  if (record.lastFailureAt === null) return { notes };
  const readyAt = Date.parse(record.lastFailureAt) + backoffDelaySeconds(record.failures) * 1000;
  if (now.getTime() < readyAt) {
    const wait = Math.ceil((readyAt - now.getTime()) / 1000);
    const why = notes.length > 0 ? ` (${notes.join('; ')})` : '';
    throw new CofferError('VAULT_BACKOFF', `${record.failures} wrong attempts: wait ${wait} s before trying again${why}`);
  }
  return { notes };
}

/** Counts one more wrong guess; throws VAULT_IO when the counter cannot be written. */
export function recordFailedAttempt(path: string, via: SlotKind, now = new Date()): BackoffRecord {
  const previous = readBackoff(path, now);
  const record: BackoffRecord = {
    failures: Math.min(previous.failures + 1, Number.MAX_SAFE_INTEGER),
    lastFailureAt: now.toISOString(),
    attempts: [...previous.attempts, { at: now.toISOString(), via }].slice(-1000),
  };
  writeBackoff(path, record);
  return record;
}

/** Clears the counter once its attempts are safely in the audit log. */
export function clearBackoff(path: string): void {
  removeFileDurably(path);
}

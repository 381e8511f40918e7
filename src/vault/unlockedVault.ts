import { AsyncLocalStorage } from 'node:async_hooks';
import type { BackoffRecord, KeySlot, VaultKeyFile } from '../contract/index.js';
import { zeroize } from '../crypto/index.js';
import { VaultAuditLog, type AuditRecord } from './auditLog.js';
import type { VaultDatabase } from './database.js';
import type { DeviceIdentity } from './deviceKey.js';
import { asVaultIoError } from './errors.js';
import { sealKeyFile, type UnsealedKeyFile } from './keyFileMac.js';
import { writeKeyFile } from './keyFileStore.js';
import type { UnsealedSlot } from './keySlot.js';
import type { VaultPaths } from './paths.js';
import { forgetUnsealedChanges, sealTouchedRecords, touchAllRecords, trackRecordChanges } from './recordSeals.js';
import { readVaultMeta, writeVaultMeta } from './vaultMeta.js';
import { CofferError } from '../contract/index.js';

export interface UnlockedVaultOptions {
  /**
   * Lock after this long without use; `null` never locks by itself (a one-command CLI process). When not
   * given, the vault's own setting `vault.auto_lock_seconds` applies, or 5 minutes.
   */
  autoLockMs?: number | null;
}

export const DEFAULT_AUTO_LOCK_MS = 5 * 60 * 1000;
export const AUTO_LOCK_SETTING = 'vault.auto_lock_seconds';

function configuredAutoLockMs(db: VaultDatabase): number {
  const value = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(AUTO_LOCK_SETTING) as string | undefined;
  const seconds = Number(value);
  return value !== undefined && Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_AUTO_LOCK_MS;
}

/** An event described by its caller; the vault adds who (the vault's user), the device, time and outcome. */
/**
 * A change's audit entry. `outcome` is `allowed` unless the change is the handling of a refusal: a bank
 * message refused and stepped over (its cursor moves past it) is `denied`, with its code as `reason`.
 */
export type VaultEvent = Omit<AuditRecord, 'outcome' | 'userId'> & { userId?: string; outcome?: 'allowed' | 'denied' };

const LOG_FAILED_KEY = 'log_failed';
/** What a vault whose log failed verification still does: verify again, and export the evidence. */
const EVIDENCE_ACTIONS: ReadonlySet<string> = new Set(['audit.verify', 'audit.export']);

/** Refuses a change while the log stands failed, and says how to get the evidence out. */
function ensureLogUsable(db: VaultDatabase, action: string): void {
  if (EVIDENCE_ACTIONS.has(action)) return;
  const failed = readVaultMeta(db, LOG_FAILED_KEY);
  if (failed !== undefined) {
    throw new CofferError('VAULT_LOG_FAILED', `the audit log failed verification (${failed}): this vault takes no changes; export the evidence with \`coffer audit export --out FILE\` and give it to your auditor and bank`);
  }
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : 'INTERNAL';
}

function unseal(slot: KeySlot): UnsealedSlot {
  const { mac: _mac, ...unsealed } = slot;
  return unsealed;
}

/** The vault whose current work is unattended (UnlockedVault.unattended), in this asynchronous context. */
const unattendedWork = new AsyncLocalStorage<UnlockedVault>();

/**
 * An open vault. The data key lives only here, in one Buffer, and is zeroed on lock; every use of the
 * database goes through `db`, which refuses once locked and restarts the idle timer.
 */
export class UnlockedVault {
  #db: VaultDatabase | undefined;
  #dataKey: Buffer;
  #keyFile: VaultKeyFile;
  #timer: NodeJS.Timeout | undefined;
  #autoLockMs: number | null;
  readonly #audit: VaultAuditLog;
  #userId: string;
  /** Things the user must hear about this unlock (an interrupted rekey finished, say). */
  readonly notices: string[] = [];
  readonly #lockListeners = new Set<() => void>();

  constructor(
    readonly paths: VaultPaths,
    keyFile: VaultKeyFile,
    db: VaultDatabase,
    dataKey: Buffer,
    identity: DeviceIdentity,
    /** Wrong attempts since the previous unlock, for the audit log. */
    readonly failedAttempts: BackoffRecord['attempts'] = [],
    options: UnlockedVaultOptions = {},
  ) {
    this.#audit = new VaultAuditLog(db, identity);
    this.#userId = readVaultMeta(db, 'user_id') ?? 'owner';
    this.#db = db;
    trackRecordChanges(db);
    this.#dataKey = dataKey;
    this.#keyFile = keyFile;
    this.#autoLockMs = options.autoLockMs === undefined ? configuredAutoLockMs(db) : options.autoLockMs;
    this.touch();
  }

  /** The user the vault's own events (unlock, passwd, rekey) are attributed to. */
  get userId(): string {
    return this.#userId;
  }

  /**
   * Reads the vault's user again, after enrolment named the bank's user (assignVaultUser) in this unlock, so a
   * session opened anew works as that user without the password being asked again.
   */
  refreshUser(): void {
    this.#userId = readVaultMeta(this.db, 'user_id') ?? 'owner';
  }

  get vaultId(): string {
    return this.#keyFile.vaultId;
  }

  get keyFile(): VaultKeyFile {
    return this.#keyFile;
  }

  get isLocked(): boolean {
    return this.#db === undefined;
  }

  /** The database connection; using it counts as activity for auto-lock. */
  get db(): VaultDatabase {
    if (this.#db === undefined) throw new CofferError('VAULT_LOCKED', 'the vault is locked: unlock it first');
    this.touch();
    return this.#db;
  }

  /** How long this vault stays open without use; null: until `lock()`. */
  get autoLockMs(): number | null {
    return this.#autoLockMs;
  }

  /** Locks sooner than the vault's setting, never later (a kiosk, a test); the setting itself is unchanged. */
  limitAutoLock(maxMs: number): void {
    if (this.#autoLockMs === null || this.#autoLockMs <= maxMs) return;
    this.#autoLockMs = maxMs;
    this.touch();
  }

  /** Applies a changed `vault.auto_lock_seconds` to this open vault (a session that locks by itself). */
  reloadAutoLock(): void {
    if (this.#autoLockMs === null || this.#db === undefined) return;
    this.#autoLockMs = configuredAutoLockMs(this.#db);
    this.touch();
  }

  touch(): void {
    // Work nobody asked for just now (a background sync) leaves the idle timer where the user's last action put it.
    if (unattendedWork.getStore() === this) return;
    if (this.#timer) clearTimeout(this.#timer);
    if (this.#autoLockMs === null || this.#db === undefined) return;
    this.#timer = setTimeout(() => this.lock(), this.#autoLockMs);
    // An idle timer alone must not keep the process alive.
    this.#timer.unref();
  }

  /**
   * Runs `work` without it counting as activity for the idle lock: every use of the vault inside it, across its
   * awaits, leaves the timer as it was, while the user's own commands running meanwhile still restart it. So a
   * background sync never keeps an unattended vault open, and the vault may lock while it runs (its next use
   * is then VAULT_LOCKED, between two transactions).
   */
  unattended<T>(work: () => Promise<T>): Promise<T> {
    return unattendedWork.run(this, work);
  }

  /** The audit log; refuses once locked. */
  get audit(): VaultAuditLog {
    if (this.isLocked) throw new CofferError('VAULT_LOCKED', 'the vault is locked: unlock it first');
    this.touch();
    return this.#audit;
  }

  /**
   * Runs a change and its audit entry in one SQLite transaction: both happen or neither. A failed change
   * is rolled back and then recorded as `failed` with its error code.
   */
  transact<T>(event: VaultEvent, change: (db: VaultDatabase) => T): T {
    const db = this.db;
    const record = { ...event, userId: event.userId ?? this.userId };
    try {
      return db.transaction(() => {
        ensureLogUsable(db, event.action);
        // Only what this change writes is sealed under its entry; anything written before it stays unsealed.
        forgetUnsealedChanges(db);
        const result = change(db);
        const records = sealTouchedRecords(db, this.#audit.size);
        this.#audit.append([{ ...record, details: records === undefined ? record.details : { ...record.details, records: { ...records } }, outcome: event.outcome ?? 'allowed' }]);
        return result;
      })();
    } catch (error) {
      const reported = asVaultIoError(error, 'write to', this.paths.db);
      try {
        this.record([{ ...record, outcome: 'failed', reason: errorCode(reported) }]);
      } catch {
        // Recording the failure failed too (a full disk fails both): the user must hear the first error.
      }
      throw reported;
    }
  }

  /**
   * Seals every record of the audited tables as it is now, in one entry: a vault from before record seals
   * is adopted once, right after the migration that introduced them (docs/audit.md).
   */
  adoptRecords(): void {
    this.transact({ action: 'records.adopt' }, (db) => touchAllRecords(db));
  }

  /** Remembers that the log failed verification (with `code`): changes are refused until it verifies again. */
  markLogFailed(code: string): void {
    writeVaultMeta(this.db, LOG_FAILED_KEY, code);
  }

  /** The log verified: changes are allowed again. */
  clearLogFailed(): void {
    this.db.prepare('DELETE FROM vault_meta WHERE key = ?').run(LOG_FAILED_KEY);
  }

  /** Appends entries that accompany no change of their own (refusals, failures), in their own transaction. */
  record(records: readonly (Omit<AuditRecord, 'userId'> & { userId?: string })[]): void {
    const db = this.db;
    try {
      db.transaction(() => this.#audit.append(records.map((r) => ({ ...r, userId: r.userId ?? this.userId }))))();
    } catch (error) {
      throw asVaultIoError(error, 'write to', this.paths.db);
    }
  }

  /** Checkpoints the log, closes the database and zeroes the data key. Safe to call twice. */
  lock(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#db?.open) {
      try {
        this.#audit.checkpoint();
      } catch {
        // Locking must never fail: the log is re-checkpointed at the next command or lock.
      }
    }
    const wasOpen = this.#db !== undefined;
    this.#db?.close();
    this.#db = undefined;
    zeroize(this.#dataKey);
    if (wasOpen) for (const listener of this.#lockListeners) listener();
  }

  /** Calls `listener` once the vault locks, by itself (idle) or on request; returns how to stop listening. */
  onLock(listener: () => void): () => void {
    this.#lockListeners.add(listener);
    return () => this.#lockListeners.delete(listener);
  }

  /** Runs `use` with the data key; the key must not be kept beyond the call. */
  withDataKey<T>(use: (dataKey: Buffer) => T): T {
    if (this.isLocked) throw new CofferError('VAULT_LOCKED', 'the vault is locked: unlock it first');
    this.touch();
    return use(this.#dataKey);
  }

  /** Makes `newDataKey` the key of this session after the database was rekeyed to it. */
  adoptDataKey(newDataKey: Buffer): void {
    if (this.isLocked) throw new CofferError('VAULT_LOCKED', 'the vault is locked: unlock it first');
    zeroize(this.#dataKey);
    this.#dataKey = newDataKey;
  }

  /**
   * Rewrites vault.keys with `change` applied to its slots, one generation up, sealed under the current data
   * key, atomically; then records the generation in the database, so an older file is refused later, in
   * the same transaction as the audit entry of the event, with `alsoInDatabase` (a removed key's row).
   */
  rewriteKeySlots(event: VaultEvent, change: (slots: UnsealedSlot[]) => UnsealedSlot[], alsoInDatabase?: (db: VaultDatabase) => void): void {
    const db = this.db;
    const { format, vaultId, createdAt, generation } = this.#keyFile;
    const next: UnsealedKeyFile = { format, vaultId, createdAt, generation: generation + 1, slots: change(this.#keyFile.slots.map(unseal)) };
    const sealed = this.withDataKey((dataKey) => sealKeyFile(next, dataKey));
    writeKeyFile(this.paths.keys, sealed);
    this.#keyFile = sealed;
    this.transact({ ...event, details: { ...event.details, keyFileGeneration: sealed.generation } }, () => {
      writeVaultMeta(db, 'keys_generation', String(sealed.generation));
      alsoInDatabase?.(db);
    });
  }
}

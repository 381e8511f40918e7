import type { BackoffRecord, KeySlot, VaultKeyFile } from '../contract/index.js';
import { zeroize } from '../crypto/index.js';
import type { VaultDatabase } from './database.js';
import { VaultError } from './errors.js';
import { sealKeyFile, type UnsealedKeyFile } from './keyFileMac.js';
import { writeKeyFile } from './keyFileStore.js';
import type { UnsealedSlot } from './keySlot.js';
import type { VaultPaths } from './paths.js';
import { writeVaultMeta } from './vaultMeta.js';

export interface UnlockedVaultOptions {
  /** Lock after this long without use; `null` never locks by itself. */
  autoLockMs?: number | null;
}

export const DEFAULT_AUTO_LOCK_MS = 5 * 60 * 1000;

function unseal(slot: KeySlot): UnsealedSlot {
  const { mac: _mac, ...unsealed } = slot;
  return unsealed;
}

/**
 * An open vault. The data key lives only here, in one Buffer, and is zeroed on lock; every use of the
 * database goes through `db`, which refuses once locked and restarts the idle timer.
 */
export class UnlockedVault {
  #db: VaultDatabase | undefined;
  #dataKey: Buffer;
  #keyFile: VaultKeyFile;
  #timer: NodeJS.Timeout | undefined;
  readonly #autoLockMs: number | null;

  constructor(
    readonly paths: VaultPaths,
    keyFile: VaultKeyFile,
    db: VaultDatabase,
    dataKey: Buffer,
    /** Wrong attempts since the previous unlock, for the audit log. */
    readonly failedAttempts: BackoffRecord['attempts'] = [],
    options: UnlockedVaultOptions = {},
  ) {
    this.#db = db;
    this.#dataKey = dataKey;
    this.#keyFile = keyFile;
    this.#autoLockMs = options.autoLockMs === undefined ? DEFAULT_AUTO_LOCK_MS : options.autoLockMs;
    this.touch();
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
    if (this.#db === undefined) throw new VaultError('VAULT_LOCKED', 'the vault is locked: unlock it first');
    this.touch();
    return this.#db;
  }

  touch(): void {
    if (this.#timer) clearTimeout(this.#timer);
    if (this.#autoLockMs === null || this.#db === undefined) return;
    this.#timer = setTimeout(() => this.lock(), this.#autoLockMs);
    // An idle timer alone must not keep the process alive.
    this.#timer.unref();
  }

  /** Closes the database and zeroes the data key. Safe to call twice. */
  lock(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#db?.close();
    this.#db = undefined;
    zeroize(this.#dataKey);
  }

  /** Runs `use` with the data key; the key must not be kept beyond the call. */
  withDataKey<T>(use: (dataKey: Buffer) => T): T {
    if (this.isLocked) throw new VaultError('VAULT_LOCKED', 'the vault is locked: unlock it first');
    this.touch();
    return use(this.#dataKey);
  }

  /** Makes `newDataKey` the key of this session after the database was rekeyed to it. */
  adoptDataKey(newDataKey: Buffer): void {
    if (this.isLocked) throw new VaultError('VAULT_LOCKED', 'the vault is locked: unlock it first');
    zeroize(this.#dataKey);
    this.#dataKey = newDataKey;
  }

  /**
   * Rewrites vault.keys with `change` applied to its slots, one generation up, sealed under the current data
   * key, atomically; then records the generation in the database so an older file is refused later.
   */
  rewriteKeySlots(change: (slots: UnsealedSlot[]) => UnsealedSlot[]): void {
    const db = this.db;
    const { format, vaultId, createdAt, generation } = this.#keyFile;
    const next: UnsealedKeyFile = { format, vaultId, createdAt, generation: generation + 1, slots: change(this.#keyFile.slots.map(unseal)) };
    const sealed = this.withDataKey((dataKey) => sealKeyFile(next, dataKey));
    writeKeyFile(this.paths.keys, sealed);
    this.#keyFile = sealed;
    writeVaultMeta(db, 'keys_generation', String(sealed.generation));
  }
}

import type { KeySlot, SlotKind, VaultKeyFile } from '../contract/index.js';
import { zeroize } from '../crypto/index.js';
import { clearBackoff, ensureNotBackingOff, readBackoff, recordFailedAttempt } from './backoff.js';
import type { VaultDatabase } from './database.js';
import { openDatabaseOrFinishInit, openVaultDatabase } from './openVaultDatabase.js';
import { asVaultIoError, systemCode } from './errors.js';
import { verifyKeyFile } from './keyFileMac.js';
import { readKeyFile } from './keyFileStore.js';
import { isWrongSecret, openAnySlot, passwordAndKeySecret } from './keySlot.js';
import { removeLeftoverTempFiles } from './leftovers.js';
import { migrate, schemaVersion } from './migrate.js';
import { RECORD_SEALS_SCHEMA } from './migrations/index.js';
import { passwordCandidates } from './password.js';
import { vaultPaths } from './paths.js';
import { normalizeRecoveryCode } from './recoveryCode.js';
import { UnlockedVault, type UnlockedVaultOptions } from './unlockedVault.js';
import { ensureCurrentKeyFile } from './vaultMeta.js';
import { ensureDeviceIdentity, type DeviceIdentity } from './deviceKey.js';
import { inspectVaultPermissions, tightenVaultPermissions } from './vaultPermissions.js';
import { CofferError } from '../contract/index.js';

/**
 * What opens a vault: a password, the recovery code, or a hardware key's PRF output for the PRF input its
 * `webauthn-prf` slot names (the desktop asks the key; issue 12).
 */
export type VaultSecret =
  | { password: string }
  | { recoveryCode: string }
  | { prf: { credentialId: string; output: Uint8Array } }
  /** Both together, for a `password-and-key` slot (the organisation policy's `hardwareKeys.unlock`). */
  | { passwordAndKey: { password: string; credentialId: string; output: Uint8Array } };
export interface UnlockOptions extends UnlockedVaultOptions {
  /**
   * Record the unlock (and the failed guesses before it) in the audit log. Only `audit verify` turns this
   * off, so that a log too damaged to append to can still be examined; it records its own entry when it can.
   */
  recordUnlock?: boolean;
}

function secretOf(secret: VaultSecret): { kind: SlotKind; candidates: Buffer[]; credentialId?: string } {
  if ('passwordAndKey' in secret) {
    const { password, credentialId, output } = secret.passwordAndKey;
    const forms = passwordCandidates(password);
    try {
      return { kind: 'password-and-key', candidates: forms.map((form) => passwordAndKeySecret(form, output)), credentialId };
    } finally {
      zeroize(...forms);
    }
  }
  if ('prf' in secret) return { kind: 'webauthn-prf', candidates: [Buffer.from(secret.prf.output)], credentialId: secret.prf.credentialId };
  return 'password' in secret
    ? { kind: 'password', candidates: passwordCandidates(secret.password) }
    : { kind: 'recovery', candidates: [normalizeRecoveryCode(secret.recoveryCode)] };
}

const WRONG_SECRET_CODES: Readonly<Record<SlotKind, string>> = {
  password: 'VAULT_WRONG_PASSWORD',
  recovery: 'VAULT_WRONG_RECOVERY_CODE',
  'webauthn-prf': 'VAULT_WRONG_KEY',
  'password-and-key': 'VAULT_WRONG_PASSWORD',
};

/**
 * Ensure a vault that opens only with the password and a key together says so when given one of them: that is
 * not a wrong guess (nothing is counted or written), and no slot of the other kinds would open anyway.
 */
function ensureNotHalfOfTwo(file: VaultKeyFile, kind: SlotKind, credentialId: string | undefined): void {
  if (kind !== 'password' && kind !== 'webauthn-prf') return;
  const active = file.slots.filter((slot) => slot.state === 'active');
  const both = active.filter((slot) => slot.kind === 'password-and-key' && (credentialId === undefined || slot.credentialId === credentialId));
  if (both.length === 0 || active.some((slot) => slot.kind === kind && (credentialId === undefined || slot.credentialId === credentialId))) return;
  throw new CofferError(
    'VAULT_PASSWORD_AND_KEY_REQUIRED',
    kind === 'password'
      ? 'this vault opens with the password and a hardware key together, as the organisation requires: unlock it in `coffer app` with both'
      : 'this vault opens with the password and this hardware key together, as the organisation requires: enter the password too',
  );
}


/** Wrong guesses counted while the vault was locked enter the log now, with the unlock itself. */
function recordUnlock(vault: UnlockedVault, via: SlotKind): void {
  vault.record([
    ...vault.failedAttempts.map((attempt) => ({
      action: 'vault.unlock',
      outcome: 'denied' as const,
      reason: WRONG_SECRET_CODES[attempt.via],
      details: { attemptedAt: attempt.at, via: attempt.via },
    })),
    { action: 'vault.unlock', outcome: 'allowed', details: { via } },
  ]);
}


/**
 * Counts a wrong guess. A counter that cannot be written (disk full, read-only folder) must not turn the
 * answer into an I/O error: the user still hears that the secret was wrong, and that it was not counted.
 */
function countWrongGuess(error: CofferError, backoffPath: string, kind: SlotKind, notes: readonly string[]): CofferError {
  const said = [...notes];
  try {
    recordFailedAttempt(backoffPath, kind);
  } catch (cause) {
    said.push(`this guess could not be recorded in vault.backoff (${systemCode(cause)})`);
  }
  return said.length === 0 ? error : new CofferError(error.code, `${error.message}; ${said.join('; ')}`, { cause: error });
}

/**
 * Opens a vault with a password or recovery code. Nothing is written before the secret is proven right,
 * except the back-off counter beside the vault. Finishes or abandons a rekey that a crash interrupted.
 */
export async function unlockVault(dir: string, secret: VaultSecret, options: UnlockOptions = {}): Promise<UnlockedVault> {
  const paths = vaultPaths(dir);
  const loose = inspectVaultPermissions(paths);
  const file: VaultKeyFile = readKeyFile(paths.keys);
  const backoff = ensureNotBackingOff(paths.backoff);
  const { kind, candidates, credentialId } = secretOf(secret);
  try {
    ensureNotHalfOfTwo(file, kind, credentialId);
  } catch (error) {
    zeroize(...candidates);
    throw error;
  }
  // A PRF output opens only the slots of the key that produced it.
  const slotsOf = (state: KeySlot['state']) => file.slots.filter((slot) => slot.kind === kind && slot.state === state && (credentialId === undefined || slot.credentialId === credentialId));

  let activeKey: Buffer | undefined;
  let pendingKey: Buffer | undefined;
  try {
    activeKey = await openAnySlot(file.vaultId, slotsOf('active'), candidates);
    if (!activeKey) {
      if (credentialId !== undefined) throw new CofferError('VAULT_WRONG_KEY', `no key slot of vault.keys opens with hardware key ${credentialId}`);
      throw new CofferError('VAULT_KEYSLOT_REMOVED', `vault.keys has no ${kind} slot`);
    }
    // Ensure no slot was edited, swapped or removed before trusting anything else in the file.
    verifyKeyFile(file, activeKey);
    // Only now, with the secret proven: a caller who does not know it changes nothing but the counter.
    const tightened = loose.length > 0 ? tightenVaultPermissions(loose) : undefined;
    removeLeftoverTempFiles(dir);
    let db: VaultDatabase;
    let adopted: { adoptedFrom?: number } = {};
    let dataKey = activeKey;
    try {
      db = openDatabaseOrFinishInit(paths, file.vaultId, activeKey);
    } catch (error) {
      // A rekey that crashed after PRAGMA rekey: the database already uses the pending key.
      if ((error as CofferError).code !== 'VAULT_DB_KEY_MISMATCH' || slotsOf('pending').length === 0) throw error;
      pendingKey = await openAnySlot(file.vaultId, slotsOf('pending'), candidates);
      if (!pendingKey) throw error;
      db = openVaultDatabase(paths.db, pendingKey);
      dataKey = pendingKey;
    }
    let identity: DeviceIdentity;
    let sealsIntroduced = false;
    try {
      // Every pending migration runs, whichever version the file is at; seals are adopted once, on crossing 5.
      const before = schemaVersion(db);
      sealsIntroduced = migrate(db) >= RECORD_SEALS_SCHEMA && before < RECORD_SEALS_SCHEMA;
      adopted = ensureCurrentKeyFile(db, file, paths.keys);
      identity = ensureDeviceIdentity(db, file.vaultId);
    } catch (error) {
      db.close();
      throw error;
    }
    const vault = new UnlockedVault(paths, file, db, dataKey, identity, readBackoff(paths.backoff).attempts, options);
    vault.notices.push(...backoff.notes);
    // Files in a private folder were out of reach (every vault.db before 0600 was enforced): no alarm for them.
    if (tightened !== undefined && loose.some((entry) => entry.path === paths.dir)) {
      vault.notices.push(
        `the vault folder or files were readable by others and were made private (${tightened}); ` +
          'if someone may have copied them, change the password and run `coffer vault rekey`',
      );
    }
    try {
      if (tightened !== undefined) {
        vault.record([{ action: 'vault.permissions.tightened', outcome: 'allowed', details: { changed: tightened } }]);
      }
      if (options.recordUnlock !== false) {
        recordUnlock(vault, kind);
        // Cleared only once its attempts are in the log: a failure in between must not lose them.
        clearBackoff(paths.backoff);
      }
      // A vault from before record seals: every record as it is now is sealed once, in one entry.
      if (sealsIntroduced) vault.adoptRecords();
      if (adopted.adoptedFrom !== undefined) {
        vault.record([
          { action: 'vault.keys.adopted', outcome: 'allowed', details: { from: adopted.adoptedFrom, to: file.generation } },
        ]);
      }
    } catch (error) {
      vault.lock();
      throw error;
    }
    if (file.slots.some((slot) => slot.state === 'pending')) {
      const rolledForward = dataKey === pendingKey;
      try {
        if (rolledForward) {
          vault.notices.push('an interrupted rekey was finished; its new recovery code was never shown: run `coffer vault recovery-code`');
        }
        vault.rewriteKeySlots({ action: 'vault.rekey', details: { step: rolledForward ? 'finished-after-crash' : 'abandoned-after-crash' } }, (slots) =>
          rolledForward
            ? slots.filter((slot) => slot.state === 'pending').map((slot) => ({ ...slot, state: 'active' }))
            : slots.filter((slot) => slot.state === 'active'),
        );
      } catch (error) {
        vault.lock();
        throw error;
      }
    }
    if (dataKey === pendingKey) zeroize(activeKey);
    else zeroize(pendingKey);
    return vault;
  } catch (error) {
    zeroize(activeKey, pendingKey);
    if (isWrongSecret(error)) throw countWrongGuess(error as CofferError, paths.backoff, kind, backoff.notes);
    throw asVaultIoError(error, 'open the vault in', dir);
  } finally {
    zeroize(...candidates);
  }
}

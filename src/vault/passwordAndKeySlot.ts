import { CofferError } from '../contract/index.js';
import { zeroize } from '../crypto/index.js';
import { chooseIterations, type KdfChoice } from './kdfCalibration.js';
import { createPasswordAndKeySlot, openAnySlot } from './keySlot.js';
import { passwordBytes, passwordCandidates } from './password.js';
import type { UnlockedVault, VaultEvent } from './unlockedVault.js';

export interface RequirePasswordAndKeyOptions extends KdfChoice {
  /** The vault's password, proven against its password slot before anything changes. */
  password: string;
  credentialId: string;
  prfInput: Uint8Array;
  /** The key's PRF output for `prfInput`; zeroed here once used. */
  prfOutput: Uint8Array;
  event: VaultEvent;
}

export interface PasswordAndKeyResult {
  slot: string;
  /** Hardware keys whose slot alone opened the vault, and no longer does. */
  keyUnlockTurnedOff: string[];
}

/** True when the vault opens only with the password and a key together: nothing may add a way in with one of them. */
export function opensWithPasswordAndKey(vault: UnlockedVault): boolean {
  return vault.keyFile.slots.some((slot) => slot.kind === 'password-and-key' && slot.state === 'active');
}

/** Ensure no slot that one secret alone opens is added to a vault that needs both (docs/vault.md). */
export function ensureNotPasswordAndKey(vault: UnlockedVault, what: string): void {
  if (opensWithPasswordAndKey(vault)) {
    throw new CofferError('VAULT_PASSWORD_AND_KEY_REQUIRED', `this vault opens with the password and a hardware key together, so ${what} would add a way in with one of them alone`);
  }
}

/**
 * Makes the vault open with the password and one hardware key together (the organisation policy's
 * `hardwareKeys.unlock: password-and-key`): one `password-and-key` slot replaces the password slot and every
 * `webauthn-prf` slot, in one atomic rewrite of vault.keys. The recovery-code slot stays: it is the way back
 * when the key is lost, kept offline. The password is proven first; a wrong one changes nothing.
 */
export async function requirePasswordAndKey(vault: UnlockedVault, options: RequirePasswordAndKeyOptions): Promise<PasswordAndKeyResult> {
  const candidates = passwordCandidates(options.password);
  const secret = passwordBytes(options.password);
  let dataKey: Buffer | undefined;
  try {
    // Ensure the caller knows the password: the session may have been opened with a key or the recovery code.
    const passwordSlots = vault.keyFile.slots.filter((slot) => slot.kind === 'password' && slot.state === 'active');
    if (passwordSlots.length === 0) throw new CofferError('VAULT_KEYSLOT_REMOVED', 'vault.keys has no password slot to combine with the key');
    zeroize(await openAnySlot(vault.vaultId, passwordSlots, candidates));
    dataKey = vault.withDataKey((key) => Buffer.from(key));
    const slot = await createPasswordAndKeySlot({
      vaultId: vault.vaultId,
      credentialId: options.credentialId,
      prfInput: options.prfInput,
      prfOutput: options.prfOutput,
      dataKey,
      password: secret,
      iterations: chooseIterations(options),
    });
    const keyUnlockTurnedOff = [...new Set(vault.keyFile.slots.flatMap((s) => (s.kind === 'webauthn-prf' && s.credentialId !== undefined ? [s.credentialId] : [])))];
    vault.rewriteKeySlots({ ...options.event, details: { ...options.event.details, slot: slot.id, keyUnlockTurnedOff } }, (slots) => [
      ...slots.filter((s) => s.kind === 'recovery'),
      slot,
    ]);
    return { slot: slot.id, keyUnlockTurnedOff };
  } finally {
    zeroize(dataKey, secret, options.prfOutput, ...candidates);
  }
}

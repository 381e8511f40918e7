import { CofferError } from '../contract/index.js';
import { zeroize } from '../crypto/index.js';
import type { VaultDatabase } from './database.js';
import { createPrfSlot } from './keySlot.js';
import { ensureNotPasswordAndKey } from './passwordAndKeySlot.js';
import type { UnlockedVault, VaultEvent } from './unlockedVault.js';

export interface AddPrfSlotOptions {
  credentialId: string;
  prfInput: Uint8Array;
  /** The key's PRF output for `prfInput`; zeroed here once used. */
  prfOutput: Uint8Array;
  event: VaultEvent;
}

/** Adds a `webauthn-prf` slot: the hardware key then unlocks the vault (one slot per key; a new one replaces it). */
export function addPrfSlot(vault: UnlockedVault, options: AddPrfSlotOptions): string {
  ensureNotPasswordAndKey(vault, 'letting a key unlock by itself');
  const dataKey = vault.withDataKey((key) => Buffer.from(key));
  try {
    const slot = createPrfSlot({ vaultId: vault.vaultId, credentialId: options.credentialId, prfInput: options.prfInput, prfOutput: options.prfOutput, dataKey });
    vault.rewriteKeySlots({ ...options.event, details: { ...options.event.details, slot: slot.id } }, (slots) => [
      ...slots.filter((s) => !(s.kind === 'webauthn-prf' && s.credentialId === options.credentialId)),
      slot,
    ]);
    return slot.id;
  } finally {
    zeroize(dataKey, options.prfOutput);
  }
}

/**
 * Removes every slot of a hardware key, together with `alsoInDatabase` (marking the key removed) under one
 * audit entry; returns the ids of the slots removed. Without such slots only the database changes.
 */
export function removeHardwareKeySlots(vault: UnlockedVault, credentialId: string, event: VaultEvent, alsoInDatabase: (db: VaultDatabase) => void): string[] {
  // Ensure the key the vault opens with, together with the password, stays: without it only the recovery code would.
  if (vault.keyFile.slots.some((slot) => slot.kind === 'password-and-key' && slot.credentialId === credentialId)) {
    throw new CofferError('VAULT_PASSWORD_AND_KEY_REQUIRED', `key ${credentialId} opens this vault together with the password, and is kept`);
  }
  const removed = vault.keyFile.slots.filter((slot) => slot.kind === 'webauthn-prf' && slot.credentialId === credentialId).map((slot) => slot.id);
  const withSlots = { ...event, details: { ...event.details, removedSlots: removed } };
  if (removed.length === 0) vault.transact(withSlots, alsoInDatabase);
  else vault.rewriteKeySlots(withSlots, (slots) => slots.filter((slot) => !removed.includes(slot.id)), alsoInDatabase);
  return removed;
}

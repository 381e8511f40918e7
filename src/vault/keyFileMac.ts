import { CofferError, canonicalJson, type KeySlot, type VaultKeyFile } from '../contract/index.js';
import { constantTimeEqual, hkdfSha256, hmacSha256, zeroize } from '../crypto/index.js';
import type { UnsealedSlot } from './keySlot.js';

// HKDF info for the key that authenticates vault.keys (RFC 5869 §3.2: bind the purpose).
const KEY_FILE_MAC_INFO = 'coffer/vault.keys/mac/v1';

export type UnsealedKeyFile = Omit<VaultKeyFile, 'mac' | 'slots' | 'slotIds'> & { slots: UnsealedSlot[] };

function canonicalBytes(value: unknown): Buffer {
  return Buffer.from(canonicalJson(value), 'utf8');
}

function macKeyFor(dataKey: Uint8Array, vaultId: string): Buffer {
  return hkdfSha256(dataKey, Buffer.from(vaultId, 'utf8'), KEY_FILE_MAC_INFO, 32);
}

function listMac(macKey: Buffer, file: Omit<VaultKeyFile, 'mac' | 'slots'>): Buffer {
  const { format, vaultId, createdAt, generation, slotIds } = file;
  return hmacSha256(macKey, canonicalBytes({ format, vaultId, createdAt, generation, slotIds }));
}

function slotMac(macKey: Buffer, slot: UnsealedSlot): Buffer {
  return hmacSha256(macKey, canonicalBytes(slot));
}

/** Adds every MAC, under a key derived from the data key the active slots wrap. */
export function sealKeyFile(file: UnsealedKeyFile, dataKey: Uint8Array): VaultKeyFile {
  const macKey = macKeyFor(dataKey, file.vaultId);
  try {
    const slots: KeySlot[] = file.slots.map((slot) => ({ ...slot, mac: slotMac(macKey, slot).toString('base64') }));
    const slotIds = slots.map((slot) => slot.id);
    return { ...file, slotIds, slots, mac: listMac(macKey, { ...file, slotIds }).toString('base64') };
  } finally {
    zeroize(macKey);
  }
}

/** Verifies the MACs once the data key is known; each kind of tampering gets its own code. */
export function verifyKeyFile(file: VaultKeyFile, dataKey: Uint8Array): void {
  const macKey = macKeyFor(dataKey, file.vaultId);
  try {
    // Ensure the list of slot ids is the one we wrote.
    if (!constantTimeEqual(listMac(macKey, file), Buffer.from(file.mac, 'base64'))) {
      throw new CofferError('VAULT_KEYSLOT_LIST_TAMPERED', 'vault.keys: the slot list does not match its MAC');
    }
    const present = new Set(file.slots.map((slot) => slot.id));
    for (const id of file.slotIds) {
      if (!present.has(id)) throw new CofferError('VAULT_KEYSLOT_REMOVED', `vault.keys: key slot ${id} was removed`);
    }
    for (const slot of file.slots) {
      if (!file.slotIds.includes(slot.id)) {
        throw new CofferError('VAULT_KEYSLOT_LIST_TAMPERED', `vault.keys: key slot ${slot.id} is not in the slot list`);
      }
      const { mac, ...unsealed } = slot;
      if (!constantTimeEqual(slotMac(macKey, unsealed), Buffer.from(mac, 'base64'))) {
        throw new CofferError('VAULT_KEYSLOT_TAMPERED', `vault.keys: key slot ${slot.id} was edited`);
      }
    }
  } finally {
    zeroize(macKey);
  }
}

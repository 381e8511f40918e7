import { readKeyFile, vaultPaths } from '../../vault/index.js';
import { relyingPartyFor } from './relyingParty.js';

/** One hardware key that can open the vault, as a lock screen needs it for navigator.credentials.get. */
export interface KeyUnlockCredential {
  /** base64url credential id, for allowCredentials. */
  credentialId: string;
  /** base64url PRF input of its slot, for the PRF extension's evalByCredential. */
  prfInput: string;
}

export interface KeyUnlockOptions {
  rpId: string;
  keys: KeyUnlockCredential[];
  /** True when the vault opens with the password and one of `keys` together (`password-and-key` slots), never with either alone. */
  passwordAndKey: boolean;
}

/**
 * What a locked vault tells about unlocking with a hardware key, read from `vault.keys` before anything is
 * opened: the rpId and, per active `webauthn-prf` slot (or `password-and-key` slot, which then are the only way in),
 * its credential id and PRF input. Both sit in the file in
 * clear and are no secret (the wrapped key, salt and check value are not handed out). The file's MAC can only
 * be checked with the data key: an edited file gives a wrong PRF input, hence a wrong output and VAULT_WRONG_KEY.
 */
export function keyUnlockOptions(dir: string, rpId?: string): KeyUnlockOptions {
  const file = readKeyFile(vaultPaths(dir).keys);
  const passwordAndKey = file.slots.some((slot) => slot.kind === 'password-and-key' && slot.state === 'active');
  const kind = passwordAndKey ? 'password-and-key' : 'webauthn-prf';
  const keys = new Map<string, KeyUnlockCredential>();
  for (const slot of file.slots) {
    if (slot.kind !== kind || slot.state !== 'active' || slot.credentialId === undefined || slot.prfInput === undefined) continue;
    keys.set(slot.credentialId, { credentialId: slot.credentialId, prfInput: Buffer.from(slot.prfInput, 'base64').toString('base64url') });
  }
  return { rpId: relyingPartyFor(rpId).rpId, keys: [...keys.values()], passwordAndKey };
}

import { z } from 'zod';

/** File format of `vault.keys`, version 1. Documented in docs/vault.md. */
export const VAULT_KEYS_FORMAT = 'coffer-vault-keys/v1';

const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64');

/**
 * `webauthn-prf`: the data key wrapped under a hardware key's PRF output; `password-and-key`: under both the
 * password and a hardware key's PRF output together, so that neither alone opens it (issue 12, docs/vault.md).
 */
export const SlotKind = z.enum(['password', 'recovery', 'webauthn-prf', 'password-and-key']);
export type SlotKind = z.infer<typeof SlotKind>;

/** `active` slots wrap the current data key; `pending` slots wrap the next one during a rekey. */
export const SlotState = z.enum(['active', 'pending']);
export type SlotState = z.infer<typeof SlotState>;

export const Pbkdf2Params = z.strictObject({
  name: z.literal('pbkdf2-hmac-sha512'),
  iterations: z.number().int().positive(),
  salt: Base64,
});
export type Pbkdf2Params = z.infer<typeof Pbkdf2Params>;

/** The info string of a PRF slot's HKDF: names what the derived key is for. */
export const PRF_UNLOCK_INFO = 'coffer/vault-unlock/v1';

/** A `webauthn-prf` slot's key: HKDF-SHA256 over the PRF output with a per-slot random salt (RFC 5869). */
export const HkdfParams = z.strictObject({
  name: z.literal('hkdf-sha256'),
  salt: Base64,
  info: z.literal(PRF_UNLOCK_INFO),
});
export type HkdfParams = z.infer<typeof HkdfParams>;

/** The info string of a `password-and-key` slot's HKDF. */
export const PASSWORD_AND_KEY_INFO = 'coffer/vault-unlock/password-and-key/v1';

/**
 * A `password-and-key` slot's key: PBKDF2-HMAC-SHA512 over the password (the same floor as a password slot),
 * then HKDF-SHA256 over that result and the PRF output together, with the same per-slot salt.
 */
export const PasswordAndKeyParams = z.strictObject({
  name: z.literal('pbkdf2-sha512+hkdf-sha256'),
  iterations: z.number().int().positive(),
  salt: Base64,
  info: z.literal(PASSWORD_AND_KEY_INFO),
});
export type PasswordAndKeyParams = z.infer<typeof PasswordAndKeyParams>;

export const KeySlot = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/),
  kind: SlotKind,
  state: SlotState,
  createdAt: z.iso.datetime(),
  kdf: z.discriminatedUnion('name', [Pbkdf2Params, HkdfParams, PasswordAndKeyParams]),
  /** `webauthn-prf` and `password-and-key` slots: the credential (base64url id) whose PRF output opens the slot. */
  credentialId: z.string().regex(/^[A-Za-z0-9_-]{1,1366}$/).optional(),
  /** `webauthn-prf` and `password-and-key` slots: the PRF input (32 bytes, base64) the key is asked to evaluate. */
  prfInput: Base64.optional(),
  /** HMAC of the slot's identity under a key derived with the KEK: tells a wrong secret from a tampered slot. */
  check: Base64,
  iv: Base64,
  wrappedKey: Base64,
  tag: Base64,
  /** HMAC-SHA256 of the slot's other fields under a key derived from the data key. */
  mac: Base64,
});
export type KeySlot = z.infer<typeof KeySlot>;

export const VaultKeyFile = z.strictObject({
  format: z.literal(VAULT_KEYS_FORMAT),
  vaultId: z.uuid(),
  createdAt: z.iso.datetime(),
  /** Grows by one on every write; the database remembers the last one it saw, so an old file is refused. */
  generation: z.number().int().nonnegative(),
  slotIds: z.array(z.string()).min(1),
  slots: z.array(KeySlot).min(1),
  /** HMAC-SHA256 over format, vaultId, createdAt, generation and slotIds, under a key derived from the data key. */
  mac: Base64,
});
export type VaultKeyFile = z.infer<typeof VaultKeyFile>;

export const BackoffRecord = z.strictObject({
  failures: z.number().int().nonnegative(),
  lastFailureAt: z.iso.datetime().nullable(),
  attempts: z.array(z.strictObject({ at: z.iso.datetime(), via: SlotKind })).max(1000),
});
export type BackoffRecord = z.infer<typeof BackoffRecord>;

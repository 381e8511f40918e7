import { z } from 'zod';

/** File format of `vault.keys`, version 1. Documented in docs/vault.md. */
export const VAULT_KEYS_FORMAT = 'coffer-vault-keys/v1';

const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64');

export const SlotKind = z.enum(['password', 'recovery']);
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

export const KeySlot = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/),
  kind: SlotKind,
  state: SlotState,
  createdAt: z.iso.datetime(),
  kdf: Pbkdf2Params,
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

import { PASSWORD_AND_KEY_INFO, PRF_UNLOCK_INFO, type KeySlot, type SlotKind, type SlotState } from '../contract/index.js';
import { constantTimeEqual, hkdfSha256, hmacSha256, openAesGcm, pbkdf2Sha512, randomBytes, sealAesGcm, zeroize } from '../crypto/index.js';
import { ensureAffordableIterations, PBKDF2_MIN_ITERATIONS } from './kdfCalibration.js';
import { CofferError } from '../contract/index.js';

// Domain separation for the two uses of a slot's derived key material.
const SLOT_AAD_TAG = 'coffer/keyslot/v1';
const SLOT_CHECK_TAG = 'coffer/keyslot/check/v1';
const SALT_LENGTH = 32;
const MIN_SALT_LENGTH = 16;

export type UnsealedSlot = Omit<KeySlot, 'mac'>;

/** AAD = tag ‖ vault id ‖ slot id ‖ kind: a wrapped key moved to another vault, slot or kind fails to open. */
function slotAad(vaultId: string, slotId: string, kind: SlotKind): Buffer {
  return Buffer.from([SLOT_AAD_TAG, vaultId, slotId, kind].join('\0'), 'utf8');
}

async function deriveSlotKeys(secret: Uint8Array, salt: Buffer, iterations: number) {
  return splitMaterial(await pbkdf2Sha512(secret, salt, iterations, 64));
}

function splitMaterial(material: Buffer) {
  return { kek: material.subarray(0, 32), checkKey: material.subarray(32), material };
}

/**
 * A PRF slot's keys: HKDF-SHA256 (RFC 5869) over the authenticator's PRF output, salt per slot, info
 * `coffer/vault-unlock/v1`. No stretching: the PRF output is 32 bytes of a key that never leaves the
 * authenticator, nothing a person chose.
 */
function derivePrfSlotKeys(prfOutput: Uint8Array, salt: Buffer) {
  return splitMaterial(hkdfSha256(prfOutput, salt, PRF_UNLOCK_INFO, 64));
}

/** The PRF output of WebAuthn L3 §10.1.4 is 32 bytes (HMAC-SHA-256 of hmac-secret). */
export const PRF_OUTPUT_LENGTH = 32;

/**
 * A `password-and-key` slot's keys: PBKDF2-HMAC-SHA512 stretches the password as for a password slot, then
 * HKDF-SHA256 (RFC 5869) extracts from that result and the PRF output together. Without the PRF output the
 * password gives nothing to test a guess against; without the password the PRF output is only half the input.
 * `secret` is the password's bytes followed by the 32-byte PRF output (passwordAndKeySecret).
 */
async function derivePasswordAndKeySlotKeys(secret: Uint8Array, salt: Buffer, iterations: number) {
  if (secret.length <= PRF_OUTPUT_LENGTH) throw wrongSecretError('password-and-key');
  const split = secret.length - PRF_OUTPUT_LENGTH;
  const stretched = await pbkdf2Sha512(secret.subarray(0, split), salt, iterations, 64);
  const input = Buffer.concat([stretched, secret.subarray(split)]);
  try {
    return splitMaterial(hkdfSha256(input, salt, PASSWORD_AND_KEY_INFO, 64));
  } finally {
    zeroize(stretched, input);
  }
}

/** The one secret a `password-and-key` slot opens with: a form of the password, then the key's PRF output. */
export function passwordAndKeySecret(password: Uint8Array, prfOutput: Uint8Array): Buffer {
  ensurePrfOutputLength(prfOutput);
  return Buffer.concat([password, prfOutput]);
}

function ensurePrfOutputLength(prfOutput: Uint8Array): void {
  if (prfOutput.length !== PRF_OUTPUT_LENGTH) throw new CofferError('CRYPTO_BAD_INPUT', `expected a ${PRF_OUTPUT_LENGTH}-byte PRF output, found ${prfOutput.length} bytes`);
}

function slotCheck(checkKey: Uint8Array, vaultId: string, slotId: string, kind: SlotKind): Buffer {
  return hmacSha256(checkKey, Buffer.from([SLOT_CHECK_TAG, vaultId, slotId, kind].join('\0'), 'utf8'));
}

/** A slot's check value and its AES-256-GCM wrap of the data key, bound to vault, slot and kind. */
function wrapDataKey(keys: { kek: Uint8Array; checkKey: Uint8Array }, slot: { vaultId: string; id: string; kind: SlotKind }, dataKey: Uint8Array) {
  const box = sealAesGcm(keys.kek, dataKey, slotAad(slot.vaultId, slot.id, slot.kind));
  return {
    check: slotCheck(keys.checkKey, slot.vaultId, slot.id, slot.kind).toString('base64'),
    iv: box.iv.toString('base64'),
    wrappedKey: box.ciphertext.toString('base64'),
    tag: box.tag.toString('base64'),
  };
}

type SlotKeys = ReturnType<typeof splitMaterial>;

/**
 * A new slot of `kind` under `keys` (zeroized here, whatever happens): a fresh id, then the data key wrapped
 * bound to vault, slot and kind. `fields` are what the slot keeps to derive its keys again.
 */
function sealNewSlot(vaultId: string, kind: SlotKind, state: SlotState, keys: SlotKeys, dataKey: Uint8Array, fields: Pick<UnsealedSlot, 'kdf' | 'credentialId' | 'prfInput'>): UnsealedSlot {
  try {
    const id = `${kind}-${randomBytes(4).toString('hex')}`;
    return { id, kind, state, createdAt: new Date().toISOString(), ...fields, ...wrapDataKey(keys, { vaultId, id, kind }, dataKey) };
  } finally {
    zeroize(keys.material);
  }
}

/** The fields a slot opened with a hardware key keeps, so that unlocking asks that key the same. */
function prfFields(credentialId: string, prfInput: Uint8Array) {
  return { credentialId, prfInput: Buffer.from(prfInput).toString('base64') };
}

export interface CreateSlotOptions {
  vaultId: string;
  kind: SlotKind;
  state: SlotState;
  secret: Uint8Array;
  iterations: number;
  dataKey: Uint8Array;
}

/** Wraps the data key under a key derived from the slot's secret. */
export async function createSlot(options: CreateSlotOptions): Promise<UnsealedSlot> {
  const { vaultId, kind, state, secret, iterations, dataKey } = options;
  ensureAffordableIterations(iterations, `a new ${kind} slot`);
  const salt = randomBytes(SALT_LENGTH);
  const keys = await deriveSlotKeys(secret, salt, iterations);
  return sealNewSlot(vaultId, kind, state, keys, dataKey, { kdf: { name: 'pbkdf2-hmac-sha512', iterations, salt: salt.toString('base64') } });
}

export interface CreatePrfSlotOptions {
  vaultId: string;
  credentialId: string;
  /** What the key was asked to evaluate (its PRF input), kept so unlocking asks the same. */
  prfInput: Uint8Array;
  prfOutput: Uint8Array;
  dataKey: Uint8Array;
}

/** Wraps the data key under a hardware key's PRF output (a `webauthn-prf` slot, issue 12). */
export function createPrfSlot(options: CreatePrfSlotOptions): UnsealedSlot {
  const { vaultId, credentialId, prfInput, prfOutput, dataKey } = options;
  ensurePrfOutputLength(prfOutput);
  const salt = randomBytes(SALT_LENGTH);
  const keys = derivePrfSlotKeys(prfOutput, salt);
  const kdf = { name: 'hkdf-sha256', salt: salt.toString('base64'), info: PRF_UNLOCK_INFO } as const;
  return sealNewSlot(vaultId, 'webauthn-prf', 'active', keys, dataKey, { kdf, ...prfFields(credentialId, prfInput) });
}

export interface CreatePasswordAndKeySlotOptions extends CreatePrfSlotOptions {
  /** The password's bytes (NFKC), stretched with `iterations` of PBKDF2 as a password slot's are. */
  password: Uint8Array;
  iterations: number;
}

/** Wraps the data key under the password and a hardware key's PRF output together (a `password-and-key` slot). */
export async function createPasswordAndKeySlot(options: CreatePasswordAndKeySlotOptions): Promise<UnsealedSlot> {
  const { vaultId, credentialId, prfInput, prfOutput, dataKey, password, iterations } = options;
  ensureAffordableIterations(iterations, 'a new password-and-key slot');
  const salt = randomBytes(SALT_LENGTH);
  const secret = passwordAndKeySecret(password, prfOutput);
  try {
    const keys = await derivePasswordAndKeySlotKeys(secret, salt, iterations);
    const kdf = { name: 'pbkdf2-sha512+hkdf-sha256', iterations, salt: salt.toString('base64'), info: PASSWORD_AND_KEY_INFO } as const;
    return sealNewSlot(vaultId, 'password-and-key', 'active', keys, dataKey, { kdf, ...prfFields(credentialId, prfInput) });
  } finally {
    zeroize(secret);
  }
}

/** The refusal for a secret that does not match, per slot kind. */
export function wrongSecretError(kind: SlotKind): CofferError {
  if (kind === 'password-and-key') return new CofferError('VAULT_WRONG_PASSWORD', 'wrong password, or not the hardware key this vault opens with');
  if (kind === 'webauthn-prf') return new CofferError('VAULT_WRONG_KEY', 'this hardware key does not open the vault');
  return kind === 'password'
    ? new CofferError('VAULT_WRONG_PASSWORD', 'wrong password')
    : new CofferError('VAULT_WRONG_RECOVERY_CODE', 'wrong recovery code');
}

/** The KEK and check key of a slot: PBKDF2 for what people choose, HKDF for a PRF output. */
async function slotKeysFor(slot: KeySlot, secret: Uint8Array) {
  const salt = Buffer.from(slot.kdf.salt, 'base64');
  if (salt.length < MIN_SALT_LENGTH) {
    throw new CofferError('VAULT_KDF_DOWNGRADE', `key slot ${slot.id} has a ${salt.length}-byte salt, expected ${SALT_LENGTH}`);
  }
  if (slot.kdf.name === 'hkdf-sha256') {
    // Ensure an HKDF slot is a PRF slot: a password slot rewritten to HKDF would make guessing free.
    if (slot.kind !== 'webauthn-prf') throw new CofferError('VAULT_KDF_DOWNGRADE', `key slot ${slot.id} (${slot.kind}) asks for HKDF, which only hardware-key slots use`);
    if (secret.length !== PRF_OUTPUT_LENGTH) throw wrongSecretError(slot.kind);
    return derivePrfSlotKeys(secret, salt);
  }
  // Ensure the two-secret KDF belongs to its own kind, and each half to the other: a password slot cannot borrow it.
  if ((slot.kdf.name === 'pbkdf2-sha512+hkdf-sha256') !== (slot.kind === 'password-and-key')) {
    throw new CofferError('VAULT_KDF_DOWNGRADE', `key slot ${slot.id} (${slot.kind}) asks for ${slot.kdf.name}, which is not its kind's KDF`);
  }
  // Ensure the KDF is at least as strong as we ever create: a downgraded file would make guessing cheap.
  if (slot.kdf.iterations < PBKDF2_MIN_ITERATIONS) {
    throw new CofferError(
      'VAULT_KDF_DOWNGRADE',
      `key slot ${slot.id} asks for ${slot.kdf.iterations} PBKDF2 iterations, below the floor of ${PBKDF2_MIN_ITERATIONS}`,
    );
  }
  // Ensure it is not so strong that deriving would hang or crash: no calibration ever comes near the ceiling.
  ensureAffordableIterations(slot.kdf.iterations, `key slot ${slot.id}`);
  if (slot.kdf.name === 'pbkdf2-sha512+hkdf-sha256') return derivePasswordAndKeySlotKeys(secret, salt, slot.kdf.iterations);
  return deriveSlotKeys(secret, salt, slot.kdf.iterations);
}

/**
 * Unwraps the data key of one slot. Refuses a slot whose KDF was weakened before spending any work on it,
 * tells a wrong secret (check value differs) from a tampered slot (check matches, wrapped key does not open).
 */
export async function openSlot(vaultId: string, slot: KeySlot, secret: Uint8Array): Promise<Buffer> {
  const { kek, checkKey, material } = await slotKeysFor(slot, secret);
  try {
    const check = slotCheck(checkKey, vaultId, slot.id, slot.kind);
    if (!constantTimeEqual(check, Buffer.from(slot.check, 'base64'))) throw wrongSecretError(slot.kind);
    const box = {
      iv: Buffer.from(slot.iv, 'base64'),
      ciphertext: Buffer.from(slot.wrappedKey, 'base64'),
      tag: Buffer.from(slot.tag, 'base64'),
    };
    try {
      return openAesGcm(kek, box, slotAad(vaultId, slot.id, slot.kind));
    } catch (cause) {
      if (!(cause instanceof CofferError)) throw cause;
      throw new CofferError(
        'VAULT_KEYSLOT_TAMPERED',
        `key slot ${slot.id}: the secret is right but its wrapped key does not authenticate (edited or swapped)`,
        { cause },
      );
    }
  } finally {
    zeroize(material);
  }
}

/** True for the refusals of a secret that does not match (as opposed to a damaged or tampered slot). */
export function isWrongSecret(error: unknown): boolean {
  const code = (error as CofferError | undefined)?.code;
  return code === 'VAULT_WRONG_PASSWORD' || code === 'VAULT_WRONG_RECOVERY_CODE' || code === 'VAULT_WRONG_KEY';
}

/**
 * The data key of the first slot one of the candidate forms of the secret opens (docs/vault.md, NFKC); a
 * wrong secret for all of them throws the wrong-secret code.
 */
export async function openAnySlot(vaultId: string, slots: KeySlot[], candidates: readonly Buffer[]): Promise<Buffer | undefined> {
  let wrongSecret: unknown;
  for (const slot of slots) {
    for (const secret of candidates) {
      try {
        return await openSlot(vaultId, slot, secret);
      } catch (error) {
        if (!isWrongSecret(error)) throw error;
        wrongSecret = error;
      }
    }
  }
  if (wrongSecret) throw wrongSecret;
  return undefined;
}

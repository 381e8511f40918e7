import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { CofferError } from '../contract/errors.js';

/** AES-256-GCM (NIST SP 800-38D) with a 96-bit random nonce and a 128-bit tag. */
export const AES_KEY_LENGTH = 32;
export const GCM_IV_LENGTH = 12;
export const GCM_TAG_LENGTH = 16;

export interface SealedBox {
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

export interface SealOptions {
  /**
   * A fixed IV for known-answer tests. Reusing an IV under one key breaks GCM completely, so it is
   * refused unless the process runs under the test runner.
   */
  dangerousTestOnlyIv?: Uint8Array;
}

function ensureKey(key: Uint8Array): void {
  // Ensure the key is AES-256: a shorter key would silently select AES-128 in other APIs.
  if (key.length !== AES_KEY_LENGTH) {
    throw new CofferError('CRYPTO_BAD_KEY', `AES-256-GCM needs a ${AES_KEY_LENGTH}-byte key, got ${key.length} bytes`);
  }
}

/** Encrypts and authenticates `plaintext`, and authenticates `aad` without encrypting it. */
export function sealAesGcm(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array, options: SealOptions = {}): SealedBox {
  ensureKey(key);
  let iv: Buffer;
  if (options.dangerousTestOnlyIv) {
    if (process.env.VITEST !== 'true') {
      throw new CofferError('CRYPTO_BAD_INPUT', 'a fixed GCM IV is allowed only in tests');
    }
    iv = Buffer.from(options.dangerousTestOnlyIv);
  } else {
    iv = randomBytes(GCM_IV_LENGTH);
  }
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: GCM_TAG_LENGTH });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ciphertext, tag: cipher.getAuthTag() };
}

/** Decrypts a sealed box; throws CRYPTO_AUTH_FAILED when key, AAD, IV, ciphertext or tag do not match. */
export function openAesGcm(key: Uint8Array, box: SealedBox, aad: Uint8Array): Buffer {
  ensureKey(key);
  // Ensure nonce and tag have the sizes we seal with: GCM accepts short tags, which weakens forgery resistance.
  if (box.iv.length !== GCM_IV_LENGTH || box.tag.length !== GCM_TAG_LENGTH) {
    throw new CofferError(
      'CRYPTO_BAD_INPUT',
      `AES-GCM needs a ${GCM_IV_LENGTH}-byte IV and ${GCM_TAG_LENGTH}-byte tag, got ${box.iv.length} and ${box.tag.length}`,
    );
  }
  const decipher = createDecipheriv('aes-256-gcm', key, box.iv, { authTagLength: GCM_TAG_LENGTH });
  decipher.setAAD(aad);
  decipher.setAuthTag(box.tag);
  try {
    return Buffer.concat([decipher.update(box.ciphertext), decipher.final()]);
  } catch (cause) {
    throw new CofferError('CRYPTO_AUTH_FAILED', 'AES-GCM authentication failed', { cause });
  }
}

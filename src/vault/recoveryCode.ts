import { randomBytes } from '../crypto/index.js';
import { CofferError } from '../contract/index.js';

// Crockford base32: no I, L, O, U, so a code read aloud or written by hand survives.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUPS = 6;
const GROUP_LENGTH = 5;
/** 30 symbols × 5 bits = 150 bits of entropy. */
export const RECOVERY_CODE_LENGTH = GROUPS * GROUP_LENGTH;

/** A fresh recovery code like `7K2QF-…`, shown to the user exactly once. */
export function generateRecoveryCode(): string {
  // 256 is a multiple of 32, so `byte & 31` is uniform.
  const symbols = [...randomBytes(RECOVERY_CODE_LENGTH)].map((byte) => ALPHABET[byte & 31]).join('');
  return symbols.match(new RegExp(`.{${GROUP_LENGTH}}`, 'g'))?.join('-') ?? symbols;
}

/** Canonical bytes of a typed recovery code: case, spaces and dashes do not matter; O/I/L read as 0/1/1. */
export function normalizeRecoveryCode(input: string): Buffer {
  const symbols = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (symbols.length !== RECOVERY_CODE_LENGTH || [...symbols].some((c) => !ALPHABET.includes(c))) {
    throw new CofferError(
      'VAULT_WRONG_RECOVERY_CODE',
      `a recovery code has ${RECOVERY_CODE_LENGTH} letters and digits in ${GROUPS} groups`,
    );
  }
  return Buffer.from(symbols, 'ascii');
}

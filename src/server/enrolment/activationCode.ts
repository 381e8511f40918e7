import { randomBytes, sha256 } from '../../crypto/index.js';

/** Crockford's base32 alphabet: no I, L, O, U, so a code read aloud or typed is not mistaken. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUPS = 5;
const GROUP_LENGTH = 4;
/** Domain tag of the stored hash of a code. */
const CODE_HASH_TAG = 'coffer/activation-code/v1';

/**
 * A fresh one-time activation code: 20 symbols of 5 bits, 100 bits from the CSPRNG (each symbol takes the
 * low 5 bits of one random byte, so every symbol is equally likely), shown as ABCD-EFGH-JKMN-PQRS-TVWX.
 */
export function generateActivationCode(): string {
  const bytes = randomBytes(GROUPS * GROUP_LENGTH);
  const symbols = [...bytes].map((byte) => ALPHABET.charAt(byte & 31));
  const groups: string[] = [];
  for (let at = 0; at < symbols.length; at += GROUP_LENGTH) groups.push(symbols.slice(at, at + GROUP_LENGTH).join(''));
  return groups.join('-');
}

/**
 * What the store keeps of a code: its tagged SHA-256. The code has 100 bits of entropy, so an unsalted
 * hash is not open to guessing, and a leaked database enrols nobody.
 */
export function hashActivationCode(code: string): string {
  const encoder = new TextEncoder();
  return sha256(encoder.encode(CODE_HASH_TAG), new Uint8Array([0]), encoder.encode(code)).toString('base64url');
}

/** Base64url characters of a code's hash that name it: 96 bits, never the code itself. */
const CODE_ID_LENGTH = 16;

/**
 * How the gateway's audit log names an activation code (`user.activation-code`, `device.enrol`,
 * `device.enrol-refuse`): a prefix of its stored hash, so the entries of one code can be tied together by an
 * auditor while the code, which alone enrols, is written nowhere.
 */
export function activationCodeId(codeHash: string): string {
  return codeHash.slice(0, CODE_ID_LENGTH);
}

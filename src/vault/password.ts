import { CofferError } from '../contract/index.js';

/** NIST SP 800-63B §5.1.1.2 asks for at least 8; a key that guards a company's payments asks for more. */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;

/**
 * Characters a person cannot see or type on purpose: controls (tab, line breaks), format characters
 * (zero-width space and joiners, bidi overrides and isolates, soft hyphen, BOM), line and paragraph
 * separators, and every default-ignorable code point (Hangul fillers, variation selectors). Each makes a
 * password that looks like one thing and is another, or one that cannot be typed again on another keyboard.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/gu;
const BLANK = /^\p{White_Space}*$/u;
/** A lone UTF-16 surrogate: UTF-8 turns it into U+FFFD, so two different passwords would derive alike. */
const BROKEN = /\p{Cs}/u;

/**
 * The bytes a new password slot is derived from: NFKC (Unicode UAX #15), so the same password typed as
 * full-width letters, with a ligature or a no-break space, on any OS or keyboard, gives the same key.
 */
export function passwordBytes(password: string): Buffer {
  return Buffer.from(password.normalize('NFKC'), 'utf8');
}

/**
 * The bytes to try when opening a password slot, in order. Slots made before NFKC were derived from the
 * NFC form; where the two differ, that form is tried second, so every existing vault keeps opening. The
 * second try costs one more KDF run, for wrong guesses only, and only for such passwords.
 */
export function passwordCandidates(password: string): Buffer[] {
  const nfkc = password.normalize('NFKC');
  const nfc = password.normalize('NFC');
  return nfc === nfkc ? [Buffer.from(nfkc, 'utf8')] : [Buffer.from(nfkc, 'utf8'), Buffer.from(nfc, 'utf8')];
}

/** Rules for a new password that hold whatever the language; how guessable it is, is judged by src/domain/password. */
export function ensureStrongPassword(password: string): void {
  // Ensure it is text at all before judging anything else about it.
  if (BROKEN.test(password)) {
    throw new CofferError('VAULT_WEAK_PASSWORD', 'a password must be valid Unicode text, found a broken character (a lone surrogate)');
  }
  const normal = password.normalize('NFKC');
  const invisible = normal.match(INVISIBLE)?.length ?? 0;
  if (invisible > 0) {
    throw new CofferError(
      'VAULT_WEAK_PASSWORD',
      `a password must not contain invisible or formatting characters (zero-width spaces or joiners, direction marks, ` +
        `tabs, line breaks, fillers), found ${invisible}`,
    );
  }
  if (BLANK.test(normal)) {
    throw new CofferError('VAULT_WEAK_PASSWORD', 'a password must contain more than spaces');
  }
  const length = [...normal].length;
  if (length < MIN_PASSWORD_LENGTH) {
    throw new CofferError('VAULT_WEAK_PASSWORD', `a password needs at least ${MIN_PASSWORD_LENGTH} characters, got ${length}`);
  }
  if (length > MAX_PASSWORD_LENGTH) {
    throw new CofferError('VAULT_WEAK_PASSWORD', `a password has at most ${MAX_PASSWORD_LENGTH} characters, got ${length}`);
  }
}

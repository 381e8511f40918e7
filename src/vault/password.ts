import { CofferError } from '../contract/index.js';

/** NIST SP 800-63B §5.1.1.2 asks for at least 8; a key that guards a company's payments asks for more. */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;

/** The bytes a password is derived from: NFC, so the same password typed on another OS gives the same key. */
export function passwordBytes(password: string): Buffer {
  return Buffer.from(password.normalize('NFC'), 'utf8');
}

export function ensureStrongPassword(password: string): void {
  const length = [...password.normalize('NFC')].length;
  if (length < MIN_PASSWORD_LENGTH) {
    throw new CofferError('VAULT_WEAK_PASSWORD', `a password needs at least ${MIN_PASSWORD_LENGTH} characters, got ${length}`);
  }
  if (length > MAX_PASSWORD_LENGTH) {
    throw new CofferError('VAULT_WEAK_PASSWORD', `a password has at most ${MAX_PASSWORD_LENGTH} characters, got ${length}`);
  }
}

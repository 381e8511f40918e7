// RFC 4648 §4 standard alphabet with padding; Node's own decoder silently skips foreign characters,
// so the shape is checked first.
const BASE64_SHAPE = /^[A-Za-z0-9+/]*={0,2}$/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * Strict RFC 4648 §4 base64: padded, standard alphabet, and canonical (unused trailing bits zero,
 * RFC 4648 §3.5), so one byte string has exactly one text form. Returns undefined when `text` is
 * not such base64; the caller throws its own code.
 */
export function decodeBase64(text: string): Buffer | undefined {
  if (text.length % 4 !== 0 || !BASE64_SHAPE.test(text)) return undefined;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  if (padding > 0) {
    const last = ALPHABET.indexOf(text.charAt(text.length - padding - 1));
    // With "==" the last character carries 2 data bits (low 4 unused); with "=" it carries 4 (low 2 unused).
    if (last % (padding === 2 ? 16 : 4) !== 0) return undefined;
  }
  return Buffer.from(text, 'base64');
}

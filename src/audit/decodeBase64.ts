import { writeCanonicalBase64 } from './writeCanonicalBase64.js';

/**
 * Strict RFC 4648 §4 base64: padded, standard alphabet, and canonical (unused trailing bits zero,
 * RFC 4648 §3.5), so one byte string has exactly one text form. Returns undefined when `text` is
 * not such base64; the caller throws its own code.
 */
export function decodeBase64(text: string): Buffer | undefined {
  const target = Buffer.alloc(Math.ceil(text.length / 4) * 3);
  const length = writeCanonicalBase64(text, target);
  return length < 0 ? undefined : target.subarray(0, length);
}

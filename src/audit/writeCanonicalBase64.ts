// RFC 4648 §4 standard alphabet, by character code: its value, -1 for anything else.
const VALUES = new Int8Array(128).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('').forEach((char, value) => {
  VALUES[char.charCodeAt(0)] = value;
});
const PAD = 0x3d;

/**
 * Strict RFC 4648 §4 base64 `text` decoded into `target` from `at` on (which must leave room for 3/4 of its
 * length): padded, standard alphabet only, unused trailing bits zero (§3.5), so exactly one text per byte
 * string, as decodeBase64 accepts it. Returns the decoded length, or -1 for any other text, in which case
 * `target` may have been written.
 *
 * Node's decoder does the work (several times faster than a decoding loop here), but it is lenient, so what
 * it would let through is refused first or found after: it reads a character beyond ASCII by its low byte
 * ('Ł' as 'A'), and base64url's '-' and '_' as '+' and '/'; it skips any other foreign character and stops
 * at a '=' inside the text, and either way decodes fewer bytes than a text of this length and padding holds.
 */
export function writeCanonicalBase64(text: string, target: Buffer, at = 0): number {
  const length = text.length;
  if (length % 4 !== 0) return -1;
  if (length === 0) return 0;
  // UTF-8 takes one byte per character exactly when every character is ASCII.
  if (Buffer.byteLength(text, 'utf8') !== length || text.includes('-') || text.includes('_')) return -1;
  const padding = text.charCodeAt(length - 1) === PAD ? (text.charCodeAt(length - 2) === PAD ? 2 : 1) : 0;
  const expected = (length / 4) * 3 - padding;
  if (target.write(text, at, expected, 'base64') !== expected) return -1;
  // Ensure the bits the padding leaves unused are zero: otherwise two texts would decode to one entry.
  if (padding === 1 && ((VALUES[text.charCodeAt(length - 2)] as number) & 3) !== 0) return -1;
  if (padding === 2 && ((VALUES[text.charCodeAt(length - 3)] as number) & 15) !== 0) return -1;
  return expected;
}

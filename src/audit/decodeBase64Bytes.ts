// RFC 4648 §4 standard alphabet; -1 marks every other byte, padding included (it is handled apart).
const VALUES = new Int8Array(256).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('').forEach((char, value) => {
  VALUES[char.charCodeAt(0)] = value;
});
const PAD = 0x3d;

/**
 * Strict RFC 4648 §4 base64 read from ASCII bytes `text[start, end)` into `target` (which must hold
 * 3/4 of the length): padded, standard alphabet only, unused trailing bits zero (§3.5), so exactly one text
 * per byte string, as decodeBase64 accepts it. Returns the decoded length, or -1 for any other text.
 * Written out in a loop because Node decodes base64 only from strings and skips what it cannot read.
 */
export function decodeBase64Bytes(text: Uint8Array, start: number, end: number, target: Uint8Array): number {
  const length = end - start;
  if (length % 4 !== 0 || length < 0) return -1;
  if (length === 0) return 0;
  const padding = text[end - 1] === PAD ? (text[end - 2] === PAD ? 2 : 1) : 0;
  const whole = end - 4;
  let out = 0;
  for (let at = start; at < whole; at += 4) {
    const a = VALUES[text[at] as number] as number;
    const b = VALUES[text[at + 1] as number] as number;
    const c = VALUES[text[at + 2] as number] as number;
    const d = VALUES[text[at + 3] as number] as number;
    if ((a | b | c | d) < 0) return -1;
    target[out] = (a << 2) | (b >> 4);
    target[out + 1] = ((b & 15) << 4) | (c >> 2);
    target[out + 2] = ((c & 3) << 6) | d;
    out += 3;
  }
  const a = VALUES[text[whole] as number] as number;
  const b = VALUES[text[whole + 1] as number] as number;
  const c = padding === 2 ? 0 : (VALUES[text[whole + 2] as number] as number);
  const d = padding >= 1 ? 0 : (VALUES[text[whole + 3] as number] as number);
  if ((a | b | c | d) < 0) return -1;
  // Ensure the bits the padding leaves unused are zero: otherwise two texts would decode to one entry.
  if ((padding === 2 && (b & 15) !== 0) || (padding === 1 && (c & 3) !== 0)) return -1;
  target[out++] = (a << 2) | (b >> 4);
  if (padding < 2) target[out++] = ((b & 15) << 4) | (c >> 2);
  if (padding < 1) target[out++] = ((c & 3) << 6) | d;
  return out;
}

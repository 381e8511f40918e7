// RFC 4648 §4 standard alphabet; -1 marks every other byte, padding included (it is handled apart).
const VALUES = new Int8Array(256).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('').forEach((char, value) => {
  VALUES[char.charCodeAt(0)] = value;
});
const PAD = 0x3d;
// Two characters at a time: the 16 bits of a character pair (first character low, as a little-endian read
// gives it) to its 12 bits, already shifted into place for the first (FIRST_PAIR) or second (SECOND_PAIR)
// half of a group of four, or to a negative number when either character is not in the alphabet. Half as
// many lookups and one read per group, for two tables of 256 KiB: this runs over every byte of a bundle.
const REFUSED_PAIR = -1 << 30;
const FIRST_PAIR = new Int32Array(1 << 16).fill(REFUSED_PAIR);
const SECOND_PAIR = new Int32Array(1 << 16).fill(REFUSED_PAIR);
for (let low = 0; low < 256; low++) {
  for (let high = 0; high < 256; high++) {
    const first = VALUES[low] as number;
    const second = VALUES[high] as number;
    if (first < 0 || second < 0) continue;
    FIRST_PAIR[(high << 8) | low] = (first << 18) | (second << 12);
    SECOND_PAIR[(high << 8) | low] = (first << 6) | second;
  }
}
// A view of the last text decoded, kept while its ranges are read entry after entry.
let view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));

/**
 * Strict RFC 4648 §4 base64 read from ASCII bytes `text[start, end)` into `target` from `at` on (which must
 * leave room for 3/4 of the length): padded, standard alphabet only, unused trailing bits zero (§3.5), so
 * exactly one text per byte string, as decodeBase64 accepts it. Returns the decoded length, or -1 for any
 * other text. Written out in a loop because Node decodes base64 only from strings and skips what it cannot read.
 */
export function decodeBase64Bytes(text: Uint8Array, start: number, end: number, target: Uint8Array, at = 0): number {
  const length = end - start;
  if (length % 4 !== 0 || length < 0) return -1;
  if (length === 0) return 0;
  const padding = text[end - 1] === PAD ? (text[end - 2] === PAD ? 2 : 1) : 0;
  const whole = end - 4;
  let out = at;
  if (view.buffer !== text.buffer || view.byteOffset !== text.byteOffset || view.byteLength !== text.byteLength) {
    view = new DataView(text.buffer, text.byteOffset, text.byteLength);
  }
  for (let next = start; next < whole; next += 4) {
    const group = view.getUint32(next, true);
    const bits = (FIRST_PAIR[group & 0xffff] as number) | (SECOND_PAIR[group >>> 16] as number);
    if (bits < 0) return -1;
    target[out] = bits >> 16;
    target[out + 1] = bits >> 8;
    target[out + 2] = bits;
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
  return out - at;
}

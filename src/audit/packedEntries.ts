/**
 * The `data` texts of consecutive bundle entries as ASCII bytes in one buffer, so a range of them can cross
 * to another thread as one transferable block instead of a million strings: entry `first + i` is
 * `text[ends[i - 1] ?? 0, ends[i])`.
 */
export interface PackedEntries {
  first: number;
  text: Uint8Array;
  ends: Uint32Array;
}

// Not in the base64 alphabet, so an entry written with it is refused as not canonical base64.
const REFUSED = 0x2a;

/**
 * Packs the `data` of entries [from, to) (each a string; the caller checked the shape). A text with any
 * character beyond ASCII is written as bytes the decoder refuses: a lossy encoding could otherwise turn a
 * foreign character into a base64 one.
 */
export function packEntryTexts(texts: readonly string[], first: number): PackedEntries {
  let total = 0;
  for (const text of texts) total += text.length;
  // Its own ArrayBuffer (not a slice of Node's pool), so it can be transferred.
  const packed = Buffer.allocUnsafeSlow(total);
  const ends = new Uint32Array(texts.length);
  let offset = 0;
  texts.forEach((text, i) => {
    // UTF-8 writes exactly one byte per character only when every character is ASCII.
    if (packed.write(text, offset, 'utf8') !== text.length) packed.fill(REFUSED, offset, offset + text.length);
    offset += text.length;
    ends[i] = offset;
  });
  return { first, text: packed, ends };
}

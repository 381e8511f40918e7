/**
 * The `data` texts of consecutive bundle entries as ASCII bytes in one buffer, so a range of them can cross
 * to another thread as one transferable block instead of a million strings: entry `first + i` is
 * `text[ends[i - 1] ?? 0, ends[i])`. With them goes the memory of the tree they are hashed into
 * (`MemoryMerkleStore.levelMemory`, shared), so no node has to cross back.
 */
export interface PackedEntries {
  first: number;
  text: Uint8Array;
  ends: Uint32Array;
  tree: readonly Uint8Array[];
}

// Not in the base64 alphabet, so an entry written with it is refused as not canonical base64.
const REFUSED = 0x2a;

/**
 * Packs the `data` texts of `entries[first, end)` into `room` when it is large enough (memory shared with the
 * threads that read it, reused range after range: fresh memory costs a page fault per 4 KiB, which here is
 * more than writing the text), else into new shared memory. Read straight from the entries, so that no list
 * of a range's texts is made on the way. A text with any character beyond ASCII is written as bytes the
 * decoder refuses: a lossy encoding could otherwise turn a foreign character into a base64 one.
 */
export function packEntryTexts(entries: readonly { data: string }[], first: number, end: number, tree: readonly Uint8Array[], room?: Uint8Array): PackedEntries {
  let total = 0;
  for (let i = first; i < end; i++) total += (entries[i] as { data: string }).data.length;
  const memory = room !== undefined && room.length >= total ? room : new Uint8Array(new SharedArrayBuffer(Math.ceil(total * 1.25)));
  const packed = Buffer.from(memory.buffer, memory.byteOffset, total);
  const ends = new Uint32Array(end - first);
  let offset = 0;
  for (let i = first; i < end; i++) {
    const text = (entries[i] as { data: string }).data;
    // UTF-8 writes exactly one byte per character only when every character is ASCII.
    if (packed.write(text, offset, 'utf8') !== text.length) packed.fill(REFUSED, offset, offset + text.length);
    offset += text.length;
    ends[i - first] = offset;
  }
  return { first, text: packed, ends, tree };
}

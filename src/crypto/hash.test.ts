import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256, sha256Hex, sha256Into } from './hash.js';

// FIPS 180-2 Appendix B examples (one-block and two-block messages) and the digest of the empty message.
const ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
const TWO_BLOCKS = 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq';
const TWO_BLOCKS_DIGEST = '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1';
const EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

// The streaming Hash object of node:crypto over the concatenated parts: the other code path.
const streamed = (parts: readonly Uint8Array[]) => parts.reduce((hash, part) => hash.update(part), createHash('sha256')).digest();

describe('sha256', () => {
  it('gives the FIPS 180-2 digests for one part, several parts and none', () => {
    expect(sha256(Buffer.from('abc')).toString('hex')).toBe(ABC);
    expect(sha256(Buffer.from('a'), new Uint8Array(0), Buffer.from('bc')).toString('hex')).toBe(ABC);
    expect(sha256(Buffer.from(TWO_BLOCKS)).toString('hex')).toBe(TWO_BLOCKS_DIGEST);
    expect(sha256().toString('hex')).toBe(EMPTY);
  });

  it('hashes views into larger buffers by their bytes only', () => {
    const framed = Buffer.from(`xx${TWO_BLOCKS}yy`);
    expect(sha256(framed.subarray(2, 2 + TWO_BLOCKS.length)).toString('hex')).toBe(TWO_BLOCKS_DIGEST);
  });

  it('equals the streaming hash of the concatenation for any split, above and below the one-call limit', () => {
    const parts = fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 6 });
    fc.assert(fc.property(parts, (list) => sha256(...list).equals(streamed(list))), { numRuns: 200 });
    const large = [Buffer.alloc(70_000, 1), Buffer.from('tail')];
    expect(sha256(...large).equals(streamed(large))).toBe(true);
    expect(sha256(Buffer.concat(large)).equals(streamed(large))).toBe(true);
  });

  it('returns a new Buffer each time, so a caller that zeroes its digest changes no other', () => {
    const first = sha256(Buffer.from('a'), Buffer.from('bc'));
    const second = sha256(Buffer.from('a'), Buffer.from('bc'));
    first.fill(0);
    expect(second.toString('hex')).toBe(ABC);
    expect(sha256(Buffer.from('a'), Buffer.from('bc')).toString('hex')).toBe(ABC);
  });
});

describe('sha256Into', () => {
  it('writes the digest at the offset and nothing else', () => {
    const target = Buffer.alloc(40, 0xee);
    sha256Into(Buffer.from('abc'), target, 4);
    expect(target.subarray(4, 36).toString('hex')).toBe(ABC);
    expect([...target.subarray(0, 4), ...target.subarray(36)]).toEqual(Array(8).fill(0xee));
  });

  describe('when the target has no room for 32 bytes at the offset', () => {
    it.each([
      ['past the end', 9],
      ['negative', -1],
      ['fractional', 0.5],
    ])('refuses an offset %s with CRYPTO_BAD_INPUT', async (_, offset) => {
      await expect(() => sha256Into(Buffer.from('abc'), new Uint8Array(40), offset)).toThrowCode('CRYPTO_BAD_INPUT');
    });
  });
});

describe('sha256Hex', () => {
  it('gives the FIPS 180-2 digests as lower-case hex', () => {
    expect(sha256Hex('abc')).toBe(ABC);
    expect(sha256Hex(TWO_BLOCKS)).toBe(TWO_BLOCKS_DIGEST);
    expect(sha256Hex('')).toBe(EMPTY);
  });

  it('hashes the UTF-8 bytes of any text, as sha256 of its UTF-8 encoding does', () => {
    // printf 'Müller' | sha256sum (UTF-8): a Latin-1 or UTF-16 reading of the text would give another digest.
    expect(sha256Hex('M\u00fcller')).toBe('a78429899bb825ce667d25d92e2cde488f8a7d6871bb2be7365601cad6b0a8f2');
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (text) => sha256Hex(text) === sha256(Buffer.from(text, 'utf8')).toString('hex')), { numRuns: 200 });
  });
});

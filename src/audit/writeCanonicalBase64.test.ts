import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64 } from './decodeBase64.js';
import { writeCanonicalBase64 } from './writeCanonicalBase64.js';

const decode = (text: string) => {
  // Written after one byte, as the range packer writes each entry after its leaf prefix.
  const target = Buffer.alloc(1 + text.length);
  const length = writeCanonicalBase64(text, target, 1);
  return length < 0 ? undefined : target.subarray(1, 1 + length);
};

// The definition, independent of the reader under test: canonical base64 is exactly the text Node's encoder
// writes for the bytes Node's lenient decoder reads from it (RFC 4648 §3.5: one text per byte string).
const canonical = (text: string) => {
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
};

// Near-base64 text: the alphabet, padding, base64url's two, whitespace, strays, a Latin-1 letter, and
// characters beyond Latin-1 whose low byte is a base64 character ('Ł' is U+0141, 'A' is 0x41), so many
// samples are valid and the rest probe what Node's lenient decoder would let through.
const nearBase64 = fc.string({ unit: fc.constantFrom(...'AQgwxyz09+/=-_ \n\t!.éŁ\u0130\u012f'.split('')), maxLength: 24 });

describe('writeCanonicalBase64', () => {
  it('reads every byte string back from its canonical base64', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      expect(decode(Buffer.from(bytes).toString('base64'))).toEqual(Buffer.from(bytes));
    }));
  });
  it('accepts exactly the canonical text, and decodes it as Node does', () => {
    fc.assert(fc.property(nearBase64, (text) => {
      expect(decode(text)).toEqual(canonical(text));
    }), { numRuns: 50_000 });
  });
  it('refuses a canonical text with one character swapped for a lookalike the lenient decoder reads alike', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.nat(), fc.constantFrom('Ł', '-', '_', ' ', '\n', '=', 'ŁA'), (bytes, at, swap) => {
      const text = Buffer.from(bytes).toString('base64');
      const i = at % text.length;
      const forged = text.slice(0, i) + swap + text.slice(i + 1);
      expect(decode(forged)).toEqual(canonical(forged));
    }), { numRuns: 20_000 });
  });
  describe('when the trailing bits are not zero, or the padding is misplaced', () => {
    it.each(['YWJ=', 'YR==', 'Y===', '====', 'YW=j', '=YWI', 'YWI', 'YQ==YQ==', 'YWJj\u0141GVm'])('refuses %s', (text) => {
      expect(decode(text)).toBeUndefined();
    });
  });
});

describe('decodeBase64', () => {
  it('accepts exactly the canonical text, and decodes it as Node does', () => {
    fc.assert(fc.property(nearBase64, (text) => {
      expect(decodeBase64(text)).toEqual(canonical(text));
    }), { numRuns: 10_000 });
  });
  it('reads every byte string back from its canonical base64', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      expect(decodeBase64(Buffer.from(bytes).toString('base64'))).toEqual(Buffer.from(bytes));
    }));
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64 } from './decodeBase64.js';
import { decodeBase64Bytes } from './decodeBase64Bytes.js';

const decode = (text: string) => {
  const target = new Uint8Array(text.length);
  const length = decodeBase64Bytes(Buffer.from(text, 'latin1'), 0, text.length, target);
  return length < 0 ? undefined : Buffer.from(target.subarray(0, length));
};

// Near-base64 text: the alphabet, padding, base64url's two, and a few strays, so many samples are valid.
const nearBase64 = fc.string({ unit: fc.constantFrom(...'AQgwxyz09+/=-_ \n!é'.split('')), maxLength: 24 });

describe('decodeBase64Bytes', () => {
  it('reads every byte string back from its canonical base64', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
      expect(decode(Buffer.from(bytes).toString('base64'))).toEqual(Buffer.from(bytes));
    }));
  });
  it('accepts exactly the text decodeBase64 accepts, and decodes it alike', () => {
    fc.assert(fc.property(nearBase64, (text) => {
      expect(decode(text)).toEqual(decodeBase64(text));
    }), { numRuns: 20_000 });
  });
  describe('when the trailing bits are not zero, or the padding is misplaced', () => {
    it.each(['YWJ=', 'YR==', 'Y===', '====', 'YW=j', '=YWI', 'YWI'])('refuses %s', (text) => {
      expect(decode(text)).toBeUndefined();
    });
  });
});

import { describe, expect, it } from 'vitest';
import { hkdfSha256 } from './hkdf.js';

const hex = (value: string) => Buffer.from(value, 'hex');

// RFC 5869 Appendix A, test cases 1, 2 and 3 (SHA-256).
const vectors = [
  {
    name: 'A.1 basic',
    ikm: '0b'.repeat(22),
    salt: '000102030405060708090a0b0c',
    info: 'f0f1f2f3f4f5f6f7f8f9',
    length: 42,
    okm: '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865',
  },
  {
    name: 'A.2 longer inputs',
    ikm: Array.from({ length: 80 }, (_, i) => i.toString(16).padStart(2, '0')).join(''),
    salt: Array.from({ length: 80 }, (_, i) => (0x60 + i).toString(16).padStart(2, '0')).join(''),
    info: Array.from({ length: 80 }, (_, i) => (0xb0 + i).toString(16).padStart(2, '0')).join(''),
    length: 82,
    okm:
      'b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87',
  },
  {
    name: 'A.3 zero-length salt and info',
    ikm: '0b'.repeat(22),
    salt: '',
    info: '',
    length: 42,
    okm: '8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8',
  },
];

describe('HKDF-SHA256', () => {
  for (const v of vectors) {
    it(`matches RFC 5869 ${v.name}`, () => {
      expect(hkdfSha256(hex(v.ikm), hex(v.salt), hex(v.info), v.length).toString('hex')).toBe(v.okm);
    });
  }
  it('refuses an output longer than 255 blocks with CRYPTO_BAD_INPUT', async () => {
    await expect(() => hkdfSha256(Buffer.alloc(32), Buffer.alloc(0), 'x', 255 * 32 + 1)).toThrowCode('CRYPTO_BAD_INPUT');
  });
});

import { describe, expect, it } from 'vitest';
import { openAesGcm, sealAesGcm } from './aesGcm.js';

const hex = (value: string) => Buffer.from(value, 'hex');

// Known answers from "The Galois/Counter Mode of Operation (GCM)", McGrew & Viega, revised 2005,
// Appendix B (the test cases NIST's GCM validation cites): test cases 13, 14 and 16 (AES-256).
const vectors = [
  {
    name: 'test case 13 (empty plaintext, no AAD)',
    key: '0'.repeat(64),
    iv: '0'.repeat(24),
    plaintext: '',
    aad: '',
    ciphertext: '',
    tag: '530f8afbc74536b9a963b4f1c4cb738b',
  },
  {
    name: 'test case 14 (one zero block)',
    key: '0'.repeat(64),
    iv: '0'.repeat(24),
    plaintext: '0'.repeat(32),
    aad: '',
    ciphertext: 'cea7403d4d606b6e074ec5d3baf39d18',
    tag: 'd0d1c8a799996bf0265b98b5d48ab919',
  },
  {
    name: 'test case 16 (with AAD)',
    key: 'feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308',
    iv: 'cafebabefacedbaddecaf888',
    plaintext:
      'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39',
    aad: 'feedfacedeadbeeffeedfacedeadbeefabaddad2',
    ciphertext:
      '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662',
    tag: '76fc6ece0f4e1768cddf8853bb2d551b',
  },
];

describe('AES-256-GCM', () => {
  for (const vector of vectors) {
    it(`matches the published ${vector.name}`, () => {
      const box = sealAesGcm(hex(vector.key), hex(vector.plaintext), hex(vector.aad), {
        dangerousTestOnlyIv: hex(vector.iv),
      });
      expect(box.ciphertext.toString('hex')).toBe(vector.ciphertext);
      expect(box.tag.toString('hex')).toBe(vector.tag);
      expect(openAesGcm(hex(vector.key), box, hex(vector.aad)).toString('hex')).toBe(vector.plaintext);
    });
  }

  describe('when anything bound by the tag changes', () => {
    const key = Buffer.alloc(32, 7);
    const aad = Buffer.from('vault-id|slot-1|password');
    const box = sealAesGcm(key, Buffer.from('data key'), aad);

    it('refuses a different AAD with CRYPTO_AUTH_FAILED', async () => {
      await expect(() => openAesGcm(key, box, Buffer.from('vault-id|slot-2|password'))).toThrowCode('CRYPTO_AUTH_FAILED');
    });
    it('refuses a flipped ciphertext bit', async () => {
      const ciphertext = Buffer.from(box.ciphertext);
      ciphertext[0] = (ciphertext[0] ?? 0) ^ 1;
      await expect(() => openAesGcm(key, { ...box, ciphertext }, aad)).toThrowCode('CRYPTO_AUTH_FAILED');
    });
    it('refuses a truncated tag', async () => {
      await expect(() => openAesGcm(key, { ...box, tag: box.tag.subarray(0, 12) }, aad)).toThrowCode('CRYPTO_BAD_INPUT');
    });
    it('refuses a key of the wrong size', async () => {
      await expect(() => sealAesGcm(Buffer.alloc(16), Buffer.alloc(1), aad)).toThrowCode('CRYPTO_BAD_KEY');
    });
  });

  it('draws a fresh IV for every seal', () => {
    const key = Buffer.alloc(32, 1);
    const ivs = new Set(Array.from({ length: 64 }, () => sealAesGcm(key, Buffer.alloc(0), Buffer.alloc(0)).iv.toString('hex')));
    expect(ivs.size).toBe(64);
  });
});

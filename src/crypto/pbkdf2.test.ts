import { describe, expect, it } from 'vitest';
import { pbkdf2Sha512, pbkdf2Sha512Sync } from './pbkdf2.js';

// PBKDF2-HMAC-SHA512 known answers for the RFC 6070 inputs, as published in
// github.com/brycx/Test-Vector-Generation, PBKDF2/pbkdf2-hmac-sha2-test-vectors.md (test cases 1, 2, 3, 5, 6).
const vectors = [
  { password: 'password', salt: 'salt', iterations: 1, length: 20, key: '867f70cf1ade02cff3752599a3a53dc4af34c7a6' },
  { password: 'password', salt: 'salt', iterations: 2, length: 20, key: 'e1d9c16aa681708a45f5c7c4e215ceb66e011a2e' },
  { password: 'password', salt: 'salt', iterations: 4096, length: 20, key: 'd197b1b33db0143e018b12f3d1d1479e6cdebdcc' },
  {
    password: 'passwordPASSWORDpassword',
    salt: 'saltSALTsaltSALTsaltSALTsaltSALTsalt',
    iterations: 4096,
    length: 25,
    key: '8c0511f4c6e597c6ac6315d8f0362e225f3c501495ba23b868',
  },
  { password: 'pass\0word', salt: 'sa\0lt', iterations: 4096, length: 16, key: '9d9e9c4cd21fe4be24d5b8244c759665' },
];

describe('PBKDF2-HMAC-SHA512', () => {
  for (const v of vectors) {
    it(`matches the published answer for ${JSON.stringify(v.password)} at ${v.iterations} iterations`, async () => {
      const password = Buffer.from(v.password, 'latin1');
      const salt = Buffer.from(v.salt, 'latin1');
      expect((await pbkdf2Sha512(password, salt, v.iterations, v.length)).toString('hex')).toBe(v.key);
      expect(pbkdf2Sha512Sync(password, salt, v.iterations, v.length).toString('hex')).toBe(v.key);
    });
  }

  it('refuses zero iterations with CRYPTO_BAD_INPUT', async () => {
    await expect(() => pbkdf2Sha512(Buffer.from('p'), Buffer.from('s'), 0, 32)).toThrowCode('CRYPTO_BAD_INPUT');
  });
  it('refuses an empty salt with CRYPTO_BAD_INPUT', async () => {
    await expect(() => pbkdf2Sha512Sync(Buffer.from('p'), Buffer.alloc(0), 1, 32)).toThrowCode('CRYPTO_BAD_INPUT');
  });
});

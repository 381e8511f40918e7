import { describe, expect, it } from 'vitest';
import { constantTimeEqual } from './constantTimeEqual.js';
import { ed25519PublicKeyFromSeed, ed25519Sign, ed25519Verify, generateEd25519KeyPair } from './ed25519.js';
import { hmacSha256, sha256 } from './hash.js';
import { randomBytes } from './random.js';
import { zeroize } from './zeroize.js';

describe('SHA-256 and HMAC-SHA256', () => {
  // FIPS 180-4 example "abc"; RFC 4231 test case 2 ("Jefe").
  it('matches the FIPS 180-4 "abc" digest', () => {
    expect(sha256(Buffer.from('abc')).toString('hex')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
  it('matches RFC 4231 test case 2', () => {
    expect(hmacSha256(Buffer.from('Jefe'), Buffer.from('what do ya want '), Buffer.from('for nothing?')).toString('hex')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });
});

describe('Ed25519', () => {
  // RFC 8032 §7.1 TEST 1 (empty message).
  const seed = Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex');
  const publicKey = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
  const signature =
    'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b';

  it('derives the RFC 8032 TEST 1 public key and signature', () => {
    expect(ed25519PublicKeyFromSeed(seed).toString('hex')).toBe(publicKey);
    expect(ed25519Sign(seed, Buffer.alloc(0)).toString('hex')).toBe(signature);
    expect(ed25519Verify(Buffer.from(publicKey, 'hex'), Buffer.alloc(0), Buffer.from(signature, 'hex'))).toBe(true);
  });
  it('rejects a signature over another message, a truncated signature, and a malformed key', () => {
    const pair = generateEd25519KeyPair();
    const sig = ed25519Sign(pair.seed, Buffer.from('checkpoint 1'));
    expect(ed25519Verify(pair.publicKey, Buffer.from('checkpoint 2'), sig)).toBe(false);
    expect(ed25519Verify(pair.publicKey, Buffer.from('checkpoint 1'), sig.subarray(1))).toBe(false);
    expect(ed25519Verify(pair.publicKey.subarray(1), Buffer.from('checkpoint 1'), sig)).toBe(false);
    expect(ed25519Verify(pair.publicKey, Buffer.from('checkpoint 1'), sig)).toBe(true);
  });
  it('keeps each imported key to its own bytes: a key verified before does not pass a signature by another, nor a key changed in place', () => {
    const [alice, mallory] = [generateEd25519KeyPair(), generateEd25519KeyPair()];
    const byAlice = ed25519Sign(alice.seed, Buffer.from('request'));
    const byMallory = ed25519Sign(mallory.seed, Buffer.from('request'));
    expect(ed25519Verify(alice.publicKey, Buffer.from('request'), byAlice)).toBe(true);
    expect(ed25519Verify(alice.publicKey, Buffer.from('request'), byMallory)).toBe(false);
    expect(ed25519Verify(mallory.publicKey, Buffer.from('request'), byAlice)).toBe(false);
    // The caller's buffer changed after the import: the key is looked up by the bytes now in it.
    const reused = Buffer.from(alice.publicKey);
    expect(ed25519Verify(reused, Buffer.from('request'), byAlice)).toBe(true);
    mallory.publicKey.copy(reused);
    expect(ed25519Verify(reused, Buffer.from('request'), byAlice)).toBe(false);
    expect(ed25519Verify(reused, Buffer.from('request'), byMallory)).toBe(true);
  });
});

describe('constant-time compare, random bytes and zeroing', () => {
  it('compares equal and unequal byte strings', () => {
    expect(constantTimeEqual(Buffer.from('abc'), Buffer.from('abc'))).toBe(true);
    expect(constantTimeEqual(Buffer.from('abc'), Buffer.from('abd'))).toBe(false);
    expect(constantTimeEqual(Buffer.from('abc'), Buffer.from('ab'))).toBe(false);
  });
  it('returns distinct random bytes of the asked length', () => {
    const a = randomBytes(32);
    expect(a).toHaveLength(32);
    expect(a.equals(randomBytes(32))).toBe(false);
  });
  it('zeroes every buffer it is given', () => {
    const a = Buffer.from('secret');
    const b = new Uint8Array([1, 2, 3]);
    zeroize(a, undefined, b);
    expect([...a, ...b].every((byte) => byte === 0)).toBe(true);
  });
});

import { isoCBOR } from '@simplewebauthn/server/helpers';
import { describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- real keys of each kind, and an import of the JWK that is not ours
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { demoCredential } from '../demo/demoCredentials.js';
import { credentialJwk } from './credentialJwk.js';

/** A COSE_Key (RFC 9052 §7) from labels to values, CBOR-encoded as an authenticator would send it. */
const coseKey = (entries: [number, number | Uint8Array][]) => isoCBOR.encode(new Map(entries)) as Uint8Array;
const jwkOf = (key: ReturnType<typeof generateKeyPairSync>['publicKey']) => key.export({ format: 'jwk' });

describe('credentialJwk', () => {
  describe('when the key is a demo credential (EC2, P-256, ES256)', () => {
    it('gives the EC JWK of the same public key', () => {
      const credential = demoCredential('bob');
      const jwk = credentialJwk(credential.id, credential.publicKey);
      expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
      // OpenSSL imports it: the coordinates make a point on the curve.
      expect(createPublicKey({ key: jwk, format: 'jwk' }).asymmetricKeyType).toBe('ec');
    });
  });

  describe('when the key is Ed25519 or RSA', () => {
    it('gives an OKP JWK equal to the key’s own', () => {
      const own = jwkOf(generateKeyPairSync('ed25519').publicKey);
      const cose = coseKey([[1, 1], [3, -8], [-1, 6], [-2, Buffer.from(own.x as string, 'base64url')]]);
      expect(credentialJwk('k', cose)).toEqual({ kty: 'OKP', crv: 'Ed25519', x: own.x, alg: 'EdDSA' });
    });

    it('gives an RSA JWK equal to the key’s own', () => {
      const own = jwkOf(generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey);
      const cose = coseKey([[1, 3], [3, -257], [-1, Buffer.from(own.n as string, 'base64url')], [-2, Buffer.from(own.e as string, 'base64url')]]);
      expect(credentialJwk('k', cose)).toEqual({ kty: 'RSA', n: own.n, e: own.e, alg: 'RS256' });
    });
  });

  describe('when the key cannot be written as a JWK here', () => {
    it.each([
      ['an EC2 key on secp256k1', coseKey([[1, 2], [3, -47], [-1, 8], [-2, new Uint8Array(32)], [-3, new Uint8Array(32)]])],
      ['an OKP key on X25519', coseKey([[1, 1], [3, -8], [-1, 4], [-2, new Uint8Array(32)]])],
      ['an RSA key with an unknown algorithm', coseKey([[1, 3], [3, -65535], [-1, new Uint8Array(256)], [-2, new Uint8Array([1, 0, 1])]])],
    ])('refuses %s with APP_KEY_REJECTED', async (_, cose) => {
      await expect(() => credentialJwk('k', cose)).toThrowCode('APP_KEY_REJECTED');
    });
  });
});

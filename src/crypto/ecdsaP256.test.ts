import { describe, expect, it } from 'vitest';
import { ecdsaP256SignDer, ecdsaP256Verifier, p256PublicKey } from './ecdsaP256.js';
import { randomBytes } from './random.js';

describe('ecdsaP256Verifier', () => {
  const privateKey = randomBytes(32);
  const verify = ecdsaP256Verifier(p256PublicKey(privateKey));
  const data = new TextEncoder().encode('authenticatorData ‖ SHA-256(clientDataJSON)');
  const signature = ecdsaP256SignDer(privateKey, data);

  it('accepts the signature of the matching private key', () => {
    expect(verify(data, signature)).toBe(true);
  });

  it('refuses the signature over other data, and one by another key', () => {
    expect(verify(new TextEncoder().encode('other data'), signature)).toBe(false);
    expect(verify(data, ecdsaP256SignDer(randomBytes(32), data))).toBe(false);
  });

  it('refuses a point that is not an uncompressed P-256 point with CRYPTO_BAD_KEY', () => {
    expect(() => ecdsaP256Verifier(new Uint8Array(33))).toThrowCode('CRYPTO_BAD_KEY');
  });
});

import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { CofferError } from '../contract/errors.js';
import { jwsVerificationKeyFor, P256_PRIVATE_KEY_LENGTH } from './jws.js';

/** The uncompressed public point (0x04 ‖ x ‖ y, 65 bytes) of a P-256 private scalar. */
export function p256PublicKey(privateKey: Uint8Array): Buffer {
  return Buffer.from(jwsVerificationKeyFor({ alg: 'ES256', privateKey }).publicKey);
}

/**
 * ECDSA P-256 with SHA-256 (FIPS 186-5), signature DER-encoded as WebAuthn's ES256 (COSE alg -7) expects
 * (WebAuthn L3 §6.5.6). Used by the demo's software authenticator only.
 */
export function ecdsaP256SignDer(privateKey: Uint8Array, data: Uint8Array): Buffer {
  if (privateKey.length !== P256_PRIVATE_KEY_LENGTH) throw new CofferError('CRYPTO_BAD_KEY', `a P-256 private key is ${P256_PRIVATE_KEY_LENGTH} bytes, got ${privateKey.length}`);
  const point = p256PublicKey(privateKey);
  const b64u = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
  const key = createPrivateKey({ key: { kty: 'EC', crv: 'P-256', d: b64u(privateKey), x: b64u(point.subarray(1, 33)), y: b64u(point.subarray(33)) }, format: 'jwk' });
  return sign('sha256', data, { key, dsaEncoding: 'der' });
}

/**
 * The PKCS#8 DER form (RFC 5958) of a P-256 private scalar: how a software authenticator is handed a key
 * (CDP WebAuthn.addCredential). Used by the demo's authenticator only.
 */
export function p256PrivateKeyPkcs8(privateKey: Uint8Array): Buffer {
  if (privateKey.length !== P256_PRIVATE_KEY_LENGTH) throw new CofferError('CRYPTO_BAD_KEY', `a P-256 private key is ${P256_PRIVATE_KEY_LENGTH} bytes, got ${privateKey.length}`);
  const point = p256PublicKey(privateKey);
  const b64u = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
  const key = createPrivateKey({ key: { kty: 'EC', crv: 'P-256', d: b64u(privateKey), x: b64u(point.subarray(1, 33)), y: b64u(point.subarray(33)) }, format: 'jwk' });
  return key.export({ format: 'der', type: 'pkcs8' });
}

/**
 * A verifier of DER-encoded ECDSA P-256 / SHA-256 signatures under one public point (0x04 ‖ x ‖ y), its key
 * imported once: the bare cost of checking an approval's signature, which `coffer bench --server` measures
 * the gateway's WebAuthn verification against.
 */
export function ecdsaP256Verifier(publicPoint: Uint8Array): (data: Uint8Array, signature: Uint8Array) => boolean {
  if (publicPoint.length !== 65 || publicPoint[0] !== 0x04) throw new CofferError('CRYPTO_BAD_KEY', `an uncompressed P-256 point is 65 bytes starting 0x04, got ${publicPoint.length} bytes`);
  const b64u = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
  const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: b64u(publicPoint.subarray(1, 33)), y: b64u(publicPoint.subarray(33)) }, format: 'jwk' });
  return function verifyP256(data, signature) {
    return verify('sha256', data, { key, dsaEncoding: 'der' }, signature);
  };
}

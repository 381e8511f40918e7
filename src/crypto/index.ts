export { randomBytes, randomId } from './random.js';
export { zeroize } from './zeroize.js';
export { constantTimeEqual } from './constantTimeEqual.js';
export { sha256, sha256Hex, sha256Into, hmacSha256, SHA256_LENGTH } from './hash.js';
export { pbkdf2Sha512, pbkdf2Sha512Sync } from './pbkdf2.js';
export { hkdfSha256 } from './hkdf.js';
export {
  sealAesGcm,
  openAesGcm,
  AES_KEY_LENGTH,
  GCM_IV_LENGTH,
  GCM_TAG_LENGTH,
  type SealedBox,
  type SealOptions,
} from './aesGcm.js';
export {
  generateEd25519KeyPair,
  ed25519PublicKeyFromSeed,
  ed25519Sign,
  ed25519Signer,
  ed25519Verify,
  ED25519_PUBLIC_KEY_LENGTH,
  ED25519_SEED_LENGTH,
  ED25519_SIGNATURE_LENGTH,
  type Ed25519KeyPair,
} from './ed25519.js';
export { cryptoProviderStatus, type CryptoProviderStatus } from './providerStatus.js';
export {
  signJws,
  verifyJws,
  generateJwsKeyPair,
  jwsVerificationKeyFor,
  preparedJwsSigningKey,
  JWS_ALGORITHMS,
  P256_PRIVATE_KEY_LENGTH,
  P256_PUBLIC_KEY_LENGTH,
  type JwsAlgorithm,
  type JwsSigningKey,
  type JwsVerificationKey,
  type JwsKeyPair,
  type JwsOptions,
  type VerifiedJws,
} from './jws.js';
export { ecdsaP256SignDer, ecdsaP256Verifier, p256PrivateKeyPkcs8, p256PublicKey } from './ecdsaP256.js';

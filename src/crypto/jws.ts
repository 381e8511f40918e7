import { createECDH, createPublicKey } from 'node:crypto';
import { CompactSign, compactVerify, type JWK } from 'jose';
import { ED25519_PUBLIC_KEY_LENGTH, ed25519PublicKeyFromSeed, ed25519Sign, ed25519Signer, generateEd25519KeyPair } from './ed25519.js';
import { CofferError } from '../contract/errors.js';

/**
 * RFC 7515 compact JWS with the two FIPS-approved signatures we use: EdDSA over Ed25519 (RFC 8037 §3.1)
 * and ES256, ECDSA P-256 with SHA-256 (RFC 7518 §3.4). Keys are raw bytes; the algorithm travels with
 * the key, never with the token, so a token cannot choose how it is checked (RFC 8725 §3.1).
 */
export const JWS_ALGORITHMS = ['EdDSA', 'ES256'] as const;
export type JwsAlgorithm = (typeof JWS_ALGORITHMS)[number];

/** A P-256 private key is the 32-byte scalar d (SEC 1 §2.3.6). */
export const P256_PRIVATE_KEY_LENGTH = 32;
/** A P-256 public key is the uncompressed point 0x04 ‖ X ‖ Y (SEC 1 §2.3.3). */
export const P256_PUBLIC_KEY_LENGTH = 65;

// The only header parameters we write or accept: `crit`, `b64`, `jwk`, `jku`, `x5u` and friends would let a
// token change how it is parsed or name its own key (RFC 7515 §4.1, RFC 7797), so they are refused.
const ACCEPTED_HEADER_PARAMETERS = new Set(['alg', 'typ']);
const BASE64URL_SEGMENT = /^[A-Za-z0-9_-]*$/;

/** Ed25519: the 32-byte seed. ES256: the 32-byte scalar d. */
export interface JwsSigningKey {
  alg: JwsAlgorithm;
  privateKey: Uint8Array;
}

/** Ed25519: the 32-byte public key. ES256: the 65-byte uncompressed point. */
export interface JwsVerificationKey {
  alg: JwsAlgorithm;
  publicKey: Uint8Array;
}

export interface JwsKeyPair {
  signingKey: JwsSigningKey;
  verificationKey: JwsVerificationKey;
}

export interface JwsOptions {
  /** The `typ` header (RFC 7515 §4.1.9) written on signing and required on verifying (RFC 8725 §3.11). */
  typ?: string;
}

export interface VerifiedJws {
  payload: Uint8Array;
  header: { alg: JwsAlgorithm; typ?: string };
}

const b64u = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

function p256PublicKeyFromPrivate(d: Uint8Array): Buffer {
  if (d.length !== P256_PRIVATE_KEY_LENGTH) {
    throw new CofferError('CRYPTO_BAD_KEY', `a P-256 private key is ${P256_PRIVATE_KEY_LENGTH} bytes, got ${d.length}`);
  }
  try {
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(d);
    return ecdh.getPublicKey();
  } catch (cause) {
    throw new CofferError('CRYPTO_BAD_KEY', 'the P-256 private key is not a scalar in [1, n-1]', { cause });
  }
}

// Ensure a key read from configuration names one of our algorithms: anything else must not reach jose.
function ensureAlgorithm(alg: unknown): void {
  if (!(JWS_ALGORITHMS as readonly unknown[]).includes(alg)) {
    throw new CofferError('CRYPTO_BAD_KEY', `expected a key for ${JWS_ALGORITHMS.join(' or ')}, found one for ${JSON.stringify(alg)}`);
  }
}

function publicJwk(key: JwsVerificationKey): JWK {
  ensureAlgorithm(key.alg);
  if (key.alg === 'EdDSA') {
    if (key.publicKey.length !== ED25519_PUBLIC_KEY_LENGTH) {
      throw new CofferError('CRYPTO_BAD_KEY', `an Ed25519 public key is ${ED25519_PUBLIC_KEY_LENGTH} bytes, got ${key.publicKey.length}`);
    }
    return { kty: 'OKP', crv: 'Ed25519', x: b64u(key.publicKey) };
  }
  if (key.publicKey.length !== P256_PUBLIC_KEY_LENGTH || key.publicKey[0] !== 0x04) {
    throw new CofferError('CRYPTO_BAD_KEY', `a P-256 public key is a ${P256_PUBLIC_KEY_LENGTH}-byte uncompressed point, got ${key.publicKey.length} bytes`);
  }
  const jwk: JWK = { kty: 'EC', crv: 'P-256', x: b64u(key.publicKey.subarray(1, 33)), y: b64u(key.publicKey.subarray(33)) };
  // Ensure the point is on the curve: an invalid-curve point must be a configuration error, not a failed check.
  try {
    createPublicKey({ key: { ...jwk }, format: 'jwk' });
  } catch (cause) {
    throw new CofferError('CRYPTO_BAD_KEY', 'the P-256 public key is not a point on the curve', { cause });
  }
  return jwk;
}

function privateJwk(key: JwsSigningKey): JWK {
  return { ...publicJwk(jwsVerificationKeyFor(key)), d: b64u(key.privateKey) };
}

/** The public half of a signing key, for the same algorithm. */
export function jwsVerificationKeyFor(key: JwsSigningKey): JwsVerificationKey {
  ensureAlgorithm(key.alg);
  const publicKey = key.alg === 'EdDSA' ? ed25519PublicKeyFromSeed(key.privateKey) : p256PublicKeyFromPrivate(key.privateKey);
  return { alg: key.alg, publicKey };
}

/** A fresh key pair for `alg` from the operating system's CSPRNG. */
export function generateJwsKeyPair(alg: JwsAlgorithm): JwsKeyPair {
  if (alg === 'EdDSA') {
    const pair = generateEd25519KeyPair();
    return { signingKey: { alg, privateKey: pair.seed }, verificationKey: { alg, publicKey: pair.publicKey } };
  }
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  // getPrivateKey() drops leading zero bytes; pad so the scalar is always 32 bytes.
  const d = Buffer.alloc(P256_PRIVATE_KEY_LENGTH);
  const raw = ecdh.getPrivateKey();
  raw.copy(d, P256_PRIVATE_KEY_LENGTH - raw.length);
  return { signingKey: { alg, privateKey: d }, verificationKey: { alg, publicKey: ecdh.getPublicKey() } };
}

const preparedSigners = new WeakMap<JwsSigningKey, (message: Uint8Array) => Buffer>();

/**
 * An EdDSA signing key whose private key is imported once, for a process that signs with it again and
 * again (the gateway's bank key): signJws then skips the import. A copy of the seed is taken, so the
 * prepared key does not change with the caller's buffer; it lives as long as the caller keeps it.
 */
export function preparedJwsSigningKey(key: JwsSigningKey): JwsSigningKey {
  ensureAlgorithm(key.alg);
  const prepared: JwsSigningKey = { alg: key.alg, privateKey: Buffer.from(key.privateKey) };
  if (key.alg === 'EdDSA') preparedSigners.set(prepared, ed25519Signer(prepared.privateKey));
  return prepared;
}

/** Signs `payload` as a compact JWS whose protected header is `{alg, typ?}` and nothing else. */
export async function signJws(payload: Uint8Array, key: JwsSigningKey, options: JwsOptions = {}): Promise<string> {
  const header = options.typ === undefined ? { alg: key.alg } : { alg: key.alg, typ: options.typ };
  if (key.alg === 'EdDSA') {
    // RFC 8037 §3.1: EdDSA signs the ASCII signing input as it is, and Ed25519 is deterministic, so this is
    // jose's token byte for byte (jws.test.ts holds it to that), without deriving the public key and
    // importing a JWK on every signature: the gateway signs a status report with every accepted payment.
    const signingInput = `${b64u(Buffer.from(JSON.stringify(header), 'utf8'))}.${b64u(payload)}`;
    const input = Buffer.from(signingInput, 'ascii');
    const signer = preparedSigners.get(key);
    return `${signingInput}.${b64u(signer ? signer(input) : ed25519Sign(key.privateKey, input))}`;
  }
  return new CompactSign(payload).setProtectedHeader(header).sign(privateJwk(key));
}

function parseHeader(encoded: string): Record<string, unknown> {
  try {
    const header: unknown = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
    if (typeof header === 'object' && header !== null && !Array.isArray(header)) return header as Record<string, unknown>;
  } catch {
    // fall through to the refusal below
  }
  throw new CofferError('CRYPTO_BAD_INPUT', 'the JWS protected header is not a base64url JSON object');
}

/**
 * Verifies a compact JWS with a pinned key. Throws CRYPTO_BAD_INPUT for a malformed token, CRYPTO_AUTH_FAILED
 * when the header's alg or typ differ from what the key and caller expect or the signature does not verify.
 */
export async function verifyJws(token: string, key: JwsVerificationKey, options: JwsOptions = {}): Promise<VerifiedJws> {
  const jwk = publicJwk(key);
  // Ensure the token is three base64url segments: the JSON serializations carry unprotected headers.
  const segments = typeof token === 'string' ? token.split('.') : [];
  if (segments.length !== 3 || !segments.every((segment) => BASE64URL_SEGMENT.test(segment))) {
    throw new CofferError('CRYPTO_BAD_INPUT', `expected a compact JWS of 3 base64url segments, found ${segments.length} segments or other characters`);
  }
  const header = parseHeader(segments[0] ?? '');
  // Ensure the token asks for the key's algorithm: "none" and HS256-with-the-public-key end here.
  if (header.alg !== key.alg) {
    throw new CofferError('CRYPTO_AUTH_FAILED', `expected JWS alg ${key.alg}, found ${JSON.stringify(header.alg)}`);
  }
  const extra = Object.keys(header).filter((name) => !ACCEPTED_HEADER_PARAMETERS.has(name));
  if (extra.length > 0) {
    throw new CofferError('CRYPTO_AUTH_FAILED', `expected JWS header parameters alg and typ only, found ${extra.join(', ')}`);
  }
  if (options.typ !== undefined && header.typ !== options.typ) {
    throw new CofferError('CRYPTO_AUTH_FAILED', `expected JWS typ ${options.typ}, found ${JSON.stringify(header.typ)}`);
  }
  try {
    const { payload } = await compactVerify(token, jwk, { algorithms: [key.alg] });
    const typ = typeof header.typ === 'string' ? header.typ : undefined;
    return { payload, header: typ === undefined ? { alg: key.alg } : { alg: key.alg, typ } };
  } catch (cause) {
    throw new CofferError('CRYPTO_AUTH_FAILED', `the JWS signature does not verify with the given ${key.alg} key`, { cause });
  }
}

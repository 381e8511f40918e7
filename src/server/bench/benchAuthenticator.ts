import { isoCBOR } from '@simplewebauthn/server/helpers';
import type { AuthenticationResponseJson, RegistrationResponseJson } from '../../contract/index.js';
import { ecdsaP256SignDer, p256PublicKey, randomBytes, sha256 } from '../../crypto/index.js';

/**
 * A software authenticator: P-256 keys that register (attestation "none", WebAuthn L3 §8.7) and assert
 * (authenticatorData ‖ SHA-256(clientDataJSON), §6.1 and §5.8.1) as a hardware key does. The approvers' keys
 * of `coffer bench --server`, and under the tests' software authenticator (test/support/
 * softwareAuthenticator.ts), which adds the knobs an attack needs.
 */
export interface BenchKey {
  id: string;
  privateKey: Buffer;
  counter: number;
}

export interface RelyingPartyOf {
  rpId: string;
  origin: string;
}

/** WebAuthn L3 §6.1 flags. */
export const FLAG_UP = 0x01;
export const FLAG_UV = 0x04;
const FLAG_AT = 0x40;
const NO_AAGUID = Buffer.alloc(16);

export const benchKey = (): BenchKey => ({ id: randomBytes(16).toString('base64url'), privateKey: randomBytes(32), counter: 0 });

/** COSE_Key of a P-256 private key's public half (RFC 9053 §2.1, §7.1): kty EC2, alg ES256, crv P-256, x, y. */
export function coseP256PublicKey(privateKey: Buffer): Buffer {
  const point = p256PublicKey(privateKey);
  const map = new Map<number, number | Uint8Array>([
    [1, 2],
    [3, -7],
    [-1, 1],
    [-2, new Uint8Array(point.subarray(1, 33))],
    [-3, new Uint8Array(point.subarray(33))],
  ]);
  return Buffer.from(isoCBOR.encode(map));
}

function counterBytes(counter: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(counter);
  return bytes;
}

const clientData = (type: string, challenge: string, origin: string) => Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }), 'utf8');

export interface RegistrationOf {
  id: string;
  coseKey: Buffer;
  counter: number;
  /** Challenge, base64url. */
  challenge: string;
  rp: RelyingPartyOf;
  /** UP and UV by default; AT is always set. */
  flags?: number;
  aaguid?: Buffer;
}

/** A registration response with attestation "none". */
export function softwareRegistration(options: RegistrationOf): RegistrationResponseJson {
  const { rp } = options;
  const id = Buffer.from(options.id, 'base64url');
  const idLength = Buffer.alloc(2);
  idLength.writeUInt16BE(id.length);
  const flags = (options.flags ?? FLAG_UP | FLAG_UV) | FLAG_AT;
  const authData = Buffer.concat([sha256(Buffer.from(rp.rpId, 'utf8')), Buffer.from([flags]), counterBytes(options.counter), options.aaguid ?? NO_AAGUID, idLength, id, options.coseKey]);
  const attestation = new Map<string, unknown>([
    ['fmt', 'none'],
    ['attStmt', new Map()],
    ['authData', new Uint8Array(authData)],
  ]);
  return {
    id: options.id,
    rawId: options.id,
    type: 'public-key',
    // The library's CBOR encoder takes a map of its own value type; this one holds only such values.
    response: { clientDataJSON: clientData('webauthn.create', options.challenge, rp.origin).toString('base64url'), attestationObject: Buffer.from(isoCBOR.encode(attestation as never)).toString('base64url'), transports: ['usb'] },
    authenticatorAttachment: 'cross-platform',
    clientExtensionResults: {},
  };
}

export interface AssertionOf {
  id: string;
  /** The key that signs: the credential's own, or another one for a forgery under its id. */
  privateKey: Buffer;
  counter: number;
  challenge: Uint8Array;
  rp: RelyingPartyOf;
  /** UP and UV by default. */
  flags?: number;
}

/** An assertion over `challenge` (a payment or batch digest) with the given counter. */
export function softwareAssertion(options: AssertionOf): AuthenticationResponseJson {
  const { rp } = options;
  const authenticatorData = Buffer.concat([sha256(Buffer.from(rp.rpId, 'utf8')), Buffer.from([options.flags ?? FLAG_UP | FLAG_UV]), counterBytes(options.counter)]);
  const data = clientData('webauthn.get', Buffer.from(options.challenge).toString('base64url'), rp.origin);
  const signature = ecdsaP256SignDer(options.privateKey, Buffer.concat([authenticatorData, sha256(data)]));
  return {
    id: options.id,
    rawId: options.id,
    type: 'public-key',
    response: { clientDataJSON: data.toString('base64url'), authenticatorData: authenticatorData.toString('base64url'), signature: signature.toString('base64url'), userHandle: null },
    authenticatorAttachment: 'cross-platform',
    clientExtensionResults: {},
  };
}

/** A registration response over the enrolment's challenge (base64url). */
export function registerBenchKey(key: BenchKey, challenge: string, rp: RelyingPartyOf): RegistrationResponseJson {
  return softwareRegistration({ id: key.id, coseKey: coseP256PublicKey(key.privateKey), counter: key.counter, challenge, rp });
}

/** An assertion over `challenge` (the payment digest) with the key's next counter. */
export function assertWithBenchKey(key: BenchKey, challenge: Uint8Array, rp: RelyingPartyOf): AuthenticationResponseJson {
  key.counter += 1;
  return softwareAssertion({ id: key.id, privateKey: key.privateKey, counter: key.counter, challenge, rp });
}

/**
 * A software WebAuthn authenticator for the gateway's tests: an ECDSA P-256 key (src/crypto) that answers
 * registrations (attestation "none", WebAuthn L3 §8.7) and assertions the way an authenticator does —
 * authenticator data (§6.1), client data (§5.8.1), the signature over authenticatorData ‖
 * SHA-256(clientDataJSON) — as src/app/demo/demoCredentials.ts does for the demo's keys. Each assertion raises
 * its counter, as a hardware key's does.
 */
import { isoCBOR } from '@simplewebauthn/server/helpers';
import type { AuthenticationResponseJson, RegistrationResponseJson } from '../../src/contract/index.js';
import { ecdsaP256SignDer, p256PublicKey, randomBytes, sha256 } from '../../src/crypto/index.js';

/** WebAuthn L3 §6.1 flags: user present, user verified, attested credential data included. */
const UP = 0x01;
const UV = 0x04;
const AT = 0x40;
/** A made-up authenticator model, for the AAGUID column. */
const TEST_AAGUID = Buffer.from('c0ffee00c0ffee00c0ffee00c0ffee00', 'hex');

export interface TestRelyingParty {
  rpId: string;
  origin: string;
}

export const BANK_RP: TestRelyingParty = { rpId: 'bank.example', origin: 'https://desktop.bank.example' };

export interface SoftwareKey {
  /** base64url credential id. */
  id: string;
  privateKey: Buffer;
  /** COSE_Key (EC2, ES256, P-256). */
  publicKey: Buffer;
  counter: number;
}

/** A fresh key, or one with the given scalar and id (the demo's, to attack with). */
export function softwareKey(options: { privateKey?: Buffer; id?: string } = {}): SoftwareKey {
  const privateKey = options.privateKey ?? randomBytes(32);
  const point = p256PublicKey(privateKey);
  // COSE (RFC 9053 §2.1, §7.1): kty EC2 (1: 2), alg ES256 (3: -7), crv P-256 (-1: 1), x (-2), y (-3).
  const cose = new Map<number, number | Uint8Array>([
    [1, 2],
    [3, -7],
    [-1, 1],
    [-2, new Uint8Array(point.subarray(1, 33))],
    [-3, new Uint8Array(point.subarray(33))],
  ]);
  return { id: options.id ?? randomBytes(16).toString('base64url'), privateKey, publicKey: Buffer.from(isoCBOR.encode(cose)), counter: 0 };
}

function clientData(type: 'webauthn.create' | 'webauthn.get', challenge: string, rp: TestRelyingParty): Buffer {
  return Buffer.from(JSON.stringify({ type, challenge, origin: rp.origin, crossOrigin: false }), 'utf8');
}

function counterBytes(counter: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(counter);
  return bytes;
}

/** A registration response (attestation "none") over `challenge` (base64url). */
export function registerKey(key: SoftwareKey, challenge: string, options: { rp?: TestRelyingParty; userVerified?: boolean } = {}): RegistrationResponseJson {
  const rp = options.rp ?? BANK_RP;
  const flags = UP | AT | (options.userVerified === false ? 0 : UV);
  const id = Buffer.from(key.id, 'base64url');
  const idLength = Buffer.alloc(2);
  idLength.writeUInt16BE(id.length);
  const authData = Buffer.concat([sha256(Buffer.from(rp.rpId, 'utf8')), Buffer.from([flags]), counterBytes(key.counter), TEST_AAGUID, idLength, id, key.publicKey]);
  const attestation = new Map<string, unknown>([
    ['fmt', 'none'],
    ['attStmt', new Map()],
    ['authData', new Uint8Array(authData)],
  ]);
  return {
    id: key.id,
    rawId: key.id,
    type: 'public-key',
    response: {
      clientDataJSON: clientData('webauthn.create', challenge, rp).toString('base64url'),
      attestationObject: Buffer.from(isoCBOR.encode(attestation as never)).toString('base64url'),
      transports: ['usb'],
    },
    authenticatorAttachment: 'cross-platform',
    clientExtensionResults: {},
  };
}

/**
 * An assertion over `challenge` (the payment digest's bytes), with the next counter unless one is given.
 * `signWith` signs with another private key (a forgery under this key's id).
 */
export function assertWithKey(
  key: SoftwareKey,
  challenge: Uint8Array,
  options: { rp?: TestRelyingParty; userVerified?: boolean; counter?: number; signWith?: Buffer } = {},
): AuthenticationResponseJson {
  const rp = options.rp ?? BANK_RP;
  if (options.counter === undefined) key.counter += 1;
  const counter = options.counter ?? key.counter;
  const authenticatorData = Buffer.concat([sha256(Buffer.from(rp.rpId, 'utf8')), Buffer.from([UP | (options.userVerified === false ? 0 : UV)]), counterBytes(counter)]);
  const data = clientData('webauthn.get', Buffer.from(challenge).toString('base64url'), rp);
  const signature = ecdsaP256SignDer(options.signWith ?? key.privateKey, Buffer.concat([authenticatorData, sha256(data)]));
  return {
    id: key.id,
    rawId: key.id,
    type: 'public-key',
    response: { clientDataJSON: data.toString('base64url'), authenticatorData: authenticatorData.toString('base64url'), signature: signature.toString('base64url'), userHandle: null },
    authenticatorAttachment: 'cross-platform',
    clientExtensionResults: {},
  };
}

import { isoCBOR } from '@simplewebauthn/server/helpers';
import type { AuthenticationResponseJson, RegistrationResponseJson } from '../../contract/index.js';
import { ecdsaP256SignDer, p256PublicKey, randomBytes, sha256 } from '../../crypto/index.js';

/**
 * The approvers' hardware keys of `coffer bench --server`: P-256 keys that register (attestation "none",
 * WebAuthn L3 §8.7) and assert (authenticatorData ‖ SHA-256(clientDataJSON), §6.1 and §5.8.1) as an
 * authenticator does, each assertion with the next counter. The tests' software authenticator
 * (test/support/softwareAuthenticator.ts) is the same idea with the knobs an attack needs.
 */
export interface BenchKey {
  id: string;
  privateKey: Buffer;
  counter: number;
}

/** WebAuthn L3 §6.1 flags: user present, user verified, attested credential data included. */
const FLAGS_UP_UV = 0x01 | 0x04;
const FLAG_AT = 0x40;
const AAGUID = Buffer.alloc(16);

export const benchKey = (): BenchKey => ({ id: randomBytes(16).toString('base64url'), privateKey: randomBytes(32), counter: 0 });

/** COSE_Key of the key (RFC 9053 §7.1): EC2, ES256, P-256, x, y. */
function coseKey(key: BenchKey): Buffer {
  const point = p256PublicKey(key.privateKey);
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

/** A registration response over the enrolment's challenge (base64url). */
export function registerBenchKey(key: BenchKey, challenge: string, rp: { rpId: string; origin: string }): RegistrationResponseJson {
  const id = Buffer.from(key.id, 'base64url');
  const idLength = Buffer.alloc(2);
  idLength.writeUInt16BE(id.length);
  const authData = Buffer.concat([sha256(Buffer.from(rp.rpId, 'utf8')), Buffer.from([FLAGS_UP_UV | FLAG_AT]), counterBytes(key.counter), AAGUID, idLength, id, coseKey(key)]);
  const attestation = new Map<string, unknown>([
    ['fmt', 'none'],
    ['attStmt', new Map()],
    ['authData', new Uint8Array(authData)],
  ]);
  return {
    id: key.id,
    rawId: key.id,
    type: 'public-key',
    // The library's CBOR encoder takes a map of its own value type; this one holds only such values.
    response: { clientDataJSON: clientData('webauthn.create', challenge, rp.origin).toString('base64url'), attestationObject: Buffer.from(isoCBOR.encode(attestation as never)).toString('base64url'), transports: ['usb'] },
    authenticatorAttachment: 'cross-platform',
    clientExtensionResults: {},
  };
}

/** An assertion over `challenge` (the payment digest) with the key's next counter. */
export function assertWithBenchKey(key: BenchKey, challenge: Uint8Array, rp: { rpId: string; origin: string }): AuthenticationResponseJson {
  key.counter += 1;
  const authenticatorData = Buffer.concat([sha256(Buffer.from(rp.rpId, 'utf8')), Buffer.from([FLAGS_UP_UV]), counterBytes(key.counter)]);
  const data = clientData('webauthn.get', Buffer.from(challenge).toString('base64url'), rp.origin);
  const signature = ecdsaP256SignDer(key.privateKey, Buffer.concat([authenticatorData, sha256(data)]));
  return {
    id: key.id,
    rawId: key.id,
    type: 'public-key',
    response: { clientDataJSON: data.toString('base64url'), authenticatorData: authenticatorData.toString('base64url'), signature: signature.toString('base64url'), userHandle: null },
    authenticatorAttachment: 'cross-platform',
    clientExtensionResults: {},
  };
}

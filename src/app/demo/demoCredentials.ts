import { isoCBOR } from '@simplewebauthn/server/helpers';
import type { AuthenticationResponseJson } from '../../contract/index.js';
import { ecdsaP256SignDer, sha256 } from '../../crypto/index.js';
import { demoCredentialId, demoCredentialPoint, demoCredentialPrivateKey } from '../../domain/index.js';
import { relyingPartyFor, type RelyingParty } from '../keys/relyingParty.js';

/*
 * DEMO ONLY — PUBLISHED PRIVATE KEYS. Each demo user's software "hardware key": an ECDSA P-256 key derived
 * from a public tag and the user's name, so anyone can sign as a demo user. Its public key reaches vaults only
 * inside the demo policy, which the (equally public) demo bank key signs; a real deployment pins its bank's
 * key and every demo credential is then worthless. The gateway refuses them (issue 12 item 7): the derivation
 * lives in src/domain/credential/demoCredentialKeys.ts, which both may import.
 */

/** WebAuthn authenticator data flags (WebAuthn L3 §6.1): user present and user verified. */
const FLAGS_UP_UV = 0x01 | 0x04;
/** COSE (RFC 9053 §2.1, §7.1): kty EC2, alg ES256, crv P-256. */
const COSE_KTY = 1;
const COSE_ALG = 3;
const COSE_EC2_CRV = -1;
const COSE_EC2_X = -2;
const COSE_EC2_Y = -3;

export interface DemoCredential {
  userId: string;
  /** base64url credential id. */
  id: string;
  /** COSE_Key of the public key. */
  publicKey: Buffer;
  privateKey: Buffer;
}

/** The demo credential of `userId`. */
export function demoCredential(userId: string): DemoCredential {
  const privateKey = demoCredentialPrivateKey(userId);
  const point = demoCredentialPoint(userId);
  const cose = new Map<number, number | Uint8Array>([
    [COSE_KTY, 2],
    [COSE_ALG, -7],
    [COSE_EC2_CRV, 1],
    [COSE_EC2_X, new Uint8Array(point.subarray(1, 33))],
    [COSE_EC2_Y, new Uint8Array(point.subarray(33))],
  ]);
  const id = demoCredentialId(userId);
  return { userId, id, publicKey: Buffer.from(isoCBOR.encode(cose)), privateKey };
}

/** True when the key is the published demo key of `userId`: whoever has the source can sign with it. */
export function isDemoCredential(userId: string, credentialId: string, publicKey: Uint8Array): boolean {
  const demo = demoCredential(userId);
  return credentialId === demo.id && Buffer.compare(Buffer.from(publicKey), demo.publicKey) === 0;
}

/**
 * A WebAuthn assertion by a demo credential over `challenge` (WebAuthn L3 §6.1 authenticator data, §5.8.1
 * client data, signature over authenticatorData ‖ SHA-256(clientDataJSON)), user-verified, counter 0 (the
 * software key keeps none). What a real authenticator would have sent for the same ceremony.
 */
export function signDemoAssertion(credential: DemoCredential, challenge: Uint8Array, rp: RelyingParty = relyingPartyFor()): AuthenticationResponseJson {
  const counter = Buffer.alloc(4);
  const authenticatorData = Buffer.concat([sha256(Buffer.from(rp.rpId, 'utf8')), Buffer.from([FLAGS_UP_UV]), counter]);
  const clientData = Buffer.from(JSON.stringify({ type: 'webauthn.get', challenge: Buffer.from(challenge).toString('base64url'), origin: rp.origin, crossOrigin: false }), 'utf8');
  const signature = ecdsaP256SignDer(credential.privateKey, Buffer.concat([authenticatorData, sha256(clientData)]));
  return {
    id: credential.id,
    rawId: credential.id,
    type: 'public-key',
    response: {
      clientDataJSON: clientData.toString('base64url'),
      authenticatorData: authenticatorData.toString('base64url'),
      signature: signature.toString('base64url'),
      userHandle: null,
    },
    authenticatorAttachment: 'cross-platform',
    clientExtensionResults: {},
  };
}

/**
 * A software WebAuthn authenticator for the gateway's tests: the bench's P-256 software authenticator
 * (src/server/bench/benchAuthenticator.ts: attestation "none", authenticator data, client data, the signature
 * over authenticatorData ‖ SHA-256(clientDataJSON)) with the knobs an attack needs: UV off, a chosen counter,
 * a signature by another key, another relying party. Each assertion raises its counter, as a hardware key's does.
 */import type { AuthenticationResponseJson, RegistrationResponseJson } from '../../src/contract/index.js';
import { randomBytes } from '../../src/crypto/index.js';
import { coseP256PublicKey, FLAG_UP, FLAG_UV, softwareAssertion, softwareRegistration } from '../../src/server/bench/benchAuthenticator.js';

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
  return { id: options.id ?? randomBytes(16).toString('base64url'), privateKey, publicKey: coseP256PublicKey(privateKey), counter: 0 };
}

/** A registration response (attestation "none") over `challenge` (base64url). */
export function registerKey(key: SoftwareKey, challenge: string, options: { rp?: TestRelyingParty; userVerified?: boolean; aaguid?: string } = {}): RegistrationResponseJson {
  const flags = FLAG_UP | (options.userVerified === false ? 0 : FLAG_UV);
  const aaguid = options.aaguid === undefined ? TEST_AAGUID : Buffer.from(options.aaguid.replaceAll('-', ''), 'hex');
  return softwareRegistration({ id: key.id, coseKey: key.publicKey, counter: key.counter, challenge, rp: options.rp ?? BANK_RP, flags, aaguid });
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
  if (options.counter === undefined) key.counter += 1;
  const flags = FLAG_UP | (options.userVerified === false ? 0 : FLAG_UV);
  return softwareAssertion({ id: key.id, privateKey: options.signWith ?? key.privateKey, counter: options.counter ?? key.counter, challenge, rp: options.rp ?? BANK_RP, flags });
}

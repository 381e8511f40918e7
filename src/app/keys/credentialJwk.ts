import { cose, decodeCredentialPublicKey } from '@simplewebauthn/server/helpers';
import { CofferError } from '../../contract/index.js';

/** A public key as RFC 7517 JWK: what WebCrypto, jose and most WebAuthn verifiers import directly. */
export type PublicJwk = { kty: 'EC'; crv: string; x: string; y: string; alg: string } | { kty: 'OKP'; crv: 'Ed25519'; x: string; alg: 'EdDSA' } | { kty: 'RSA'; n: string; e: string; alg: string };

/** RFC 9053 §7.1 curves and their JWK names (RFC 7518 §6.2.1.1, RFC 8037 §2). */
const EC_CURVES: Readonly<Record<number, { crv: string; alg: string }>> = {
  [cose.COSECRV.P256]: { crv: 'P-256', alg: 'ES256' },
  [cose.COSECRV.P384]: { crv: 'P-384', alg: 'ES384' },
  [cose.COSECRV.P521]: { crv: 'P-521', alg: 'ES512' },
};
/** RSA COSE algorithms (RFC 8812 §2) and their JWS names. */
const RSA_ALGS: Readonly<Record<number, string>> = {
  [cose.COSEALG.RS256]: 'RS256',
  [cose.COSEALG.RS384]: 'RS384',
  [cose.COSEALG.RS512]: 'RS512',
  [cose.COSEALG.PS256]: 'PS256',
  [cose.COSEALG.PS384]: 'PS384',
  [cose.COSEALG.PS512]: 'PS512',
};

const b64u = (bytes: Uint8Array | undefined) => (bytes === undefined ? undefined : Buffer.from(bytes).toString('base64url'));

/**
 * The JWK of a credential's COSE_Key (RFC 9052 §7, decoded by @simplewebauthn's CBOR reader): EC2 P-256/384/521,
 * OKP Ed25519 and RSA, the kinds a WebAuthn registration accepts here. Anything else is APP_KEY_REJECTED.
 */
export function credentialJwk(credentialId: string, cosePublicKey: Uint8Array): PublicJwk {
  const key = decodeCredentialPublicKey(cosePublicKey as Uint8Array<ArrayBuffer>);
  const refused = (what: string) => new CofferError('APP_KEY_REJECTED', `key ${credentialId}: expected an EC2, OKP Ed25519 or RSA COSE key, found ${what}`);
  if (cose.isCOSEPublicKeyEC2(key)) {
    const curve = EC_CURVES[key.get(cose.COSEKEYS.crv) ?? 0];
    const x = b64u(key.get(cose.COSEKEYS.x));
    const y = b64u(key.get(cose.COSEKEYS.y));
    if (curve === undefined || x === undefined || y === undefined) throw refused('an EC2 key without a known curve or coordinates');
    return { kty: 'EC', crv: curve.crv, x, y, alg: curve.alg };
  }
  if (cose.isCOSEPublicKeyOKP(key)) {
    const x = b64u(key.get(cose.COSEKEYS.x));
    if (key.get(cose.COSEKEYS.crv) !== cose.COSECRV.ED25519 || x === undefined) throw refused('an OKP key on another curve');
    return { kty: 'OKP', crv: 'Ed25519', x, alg: 'EdDSA' };
  }
  if (cose.isCOSEPublicKeyRSA(key)) {
    const alg = RSA_ALGS[key.get(cose.COSEKEYS.alg) ?? 0];
    const n = b64u(key.get(cose.COSEKEYS.n));
    const e = b64u(key.get(cose.COSEKEYS.e));
    if (alg === undefined || n === undefined || e === undefined) throw refused('an RSA key without a known algorithm, modulus or exponent');
    return { kty: 'RSA', n, e, alg };
  }
  throw refused(`key type ${String(key.get(cose.COSEKEYS.kty))}`);
}

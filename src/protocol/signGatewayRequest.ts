import { ed25519Sign, randomBytes } from '../crypto/index.js';
import { contentDigest } from './contentDigest.js';
import { COVERED_COMPONENTS, SIGNATURE_ALGORITHM, SIGNATURE_LABEL, SIGNATURE_PARAMETERS } from './requestSignatureProfile.js';

export interface SignGatewayRequestOptions {
  method: string;
  /** The absolute URL the request goes to. */
  url: string;
  body?: Uint8Array;
  /** The device id (or ENROLMENT_KEY_ID when enrolling). */
  keyId: string;
  /** The device's Ed25519 seed. */
  seed: Uint8Array;
  /**
   * The same key imported once (`ed25519Signer(seed)`), for a process that signs request after request with
   * one key (the bench's load generator); the seed is imported per request otherwise.
   */
  signer?: (message: Uint8Array) => Buffer;
  now?: number;
  /** Fresh random by default; tests pass one to replay it. */
  nonce?: string;
}

/**
 * The headers a device sends with a request (Content-Digest, Signature-Input, Signature), per Coffer's
 * RFC 9421 profile: the app's gateway client signs with it, and the gateway's tests sign as that client does.
 */
export async function signGatewayRequest(options: SignGatewayRequestOptions): Promise<Record<string, string>> {
  const body = options.body ?? new Uint8Array();
  const headers: Record<string, string> = { 'content-digest': contentDigest(body) };
  const { httpbis } = await import('http-message-signatures');
  const signed = await httpbis.signMessage(
    {
      name: SIGNATURE_LABEL,
      key: { id: options.keyId, alg: SIGNATURE_ALGORITHM, sign: async (data) => (options.signer ? options.signer(data) : ed25519Sign(options.seed, data)) },
      fields: [...COVERED_COMPONENTS],
      params: [...SIGNATURE_PARAMETERS],
      paramValues: { created: new Date(options.now ?? Date.now()), nonce: options.nonce ?? randomBytes(18).toString('base64url') },
    },
    { method: options.method, url: options.url, headers },
  );
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

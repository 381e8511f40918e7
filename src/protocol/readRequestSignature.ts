import { parseDictionary, serializeInnerList, type InnerList } from 'structured-headers';
import { CofferError } from '../contract/index.js';
import { ed25519Verify } from '../crypto/index.js';
import { contentDigestMatches } from './contentDigest.js';
import {
  COVERED_COMPONENTS,
  MAX_CLOCK_SKEW_MS,
  NONCE_PATTERN,
  SIGNATURE_ALGORITHM,
  SIGNATURE_LABEL,
  SIGNATURE_PARAMETERS,
} from './requestSignatureProfile.js';

/** A request as the gateway received it: what the signature is checked against. */
export interface ReceivedRequest {
  method: string;
  /** Path and query as received (`/v1/policy?x=1`). */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array;
}

/** A request signature that passed the profile, clock and digest checks; its key is still to be found. */
export interface RequestSignature {
  keyId: string;
  nonce: string;
  createdMs: number;
  /** Checks the signature with the key the keyid names. */
  verifiedBy(publicKey: Uint8Array): boolean;
}

function headerText(headers: ReceivedRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function unsigned(why: string): CofferError {
  return new CofferError('SERVER_UNSIGNED', `expected an RFC 9421 signature "${SIGNATURE_LABEL}" of Coffer's profile, ${why}`);
}

// Ensure the Signature-Input is exactly our profile: one label, our components in order, our parameters.
function readInput(headers: ReceivedRequest['headers']): { input: InnerList; created: number; keyId: string; nonce: string } {
  const text = headerText(headers, 'signature-input');
  if (text === undefined) throw unsigned('found no Signature-Input');
  let dictionary;
  try {
    dictionary = parseDictionary(text);
  } catch {
    throw unsigned('found a Signature-Input that is no structured dictionary');
  }
  const input = dictionary.get(SIGNATURE_LABEL);
  if (dictionary.size !== 1 || input === undefined || !Array.isArray(input[0])) throw unsigned(`found labels ${[...dictionary.keys()].join(', ') || 'none'}`);
  const components = (input[0] as InnerList[0]).map((item) => (item[1].size === 0 ? item[0] : undefined));
  if (components.join(' ') !== COVERED_COMPONENTS.join(' ')) throw unsigned(`found it covering ${components.map(String).join(' ')}`);
  const params = input[1];
  if ([...params.keys()].sort().join(' ') !== [...SIGNATURE_PARAMETERS].sort().join(' ')) throw unsigned(`found parameters ${[...params.keys()].join(', ')}`);
  const created = params.get('created');
  const keyId = params.get('keyid');
  const nonce = params.get('nonce');
  if (params.get('alg') !== SIGNATURE_ALGORITHM) throw unsigned(`found alg ${String(params.get('alg'))}`);
  if (typeof created !== 'number' || !Number.isSafeInteger(created)) throw unsigned('found no integer created');
  if (typeof keyId !== 'string' || keyId.length === 0 || keyId.length > 128) throw unsigned('found no keyid');
  if (typeof nonce !== 'string' || !NONCE_PATTERN.test(nonce)) throw unsigned('found no nonce of 16 to 64 base64url characters');
  return { input: input as InnerList, created, keyId, nonce };
}

function readSignature(headers: ReceivedRequest['headers']): Uint8Array {
  const text = headerText(headers, 'signature');
  if (text === undefined) throw unsigned('found no Signature');
  try {
    const dictionary = parseDictionary(text);
    const value = dictionary.get(SIGNATURE_LABEL)?.[0];
    if (dictionary.size === 1 && value instanceof ArrayBuffer) return new Uint8Array(value);
  } catch {
    // refused below
  }
  throw unsigned('found a Signature without exactly that label as a byte sequence');
}

/**
 * The signature base of RFC 9421 §2.5 for our four components: one line each, `"name": value`, then the
 * `@signature-params` line. The origin is not covered; a fixed base URL lets URL parsing give @path (§2.2.6,
 * "/" when empty) and @query (§2.2.7, "?" when empty) as a client's library derives them. The clients sign
 * with http-message-signatures (signGatewayRequest), so every test that passes checks the two agree.
 */
function signatureBase(request: ReceivedRequest, signatureParams: string): string {
  const target = new URL(request.url, 'http://gateway.invalid');
  // §2.1: a field's value is trimmed, and several lines of one field are joined by ", ".
  const digest = (headerText(request.headers, 'content-digest') ?? '').trim();
  const lines = [
    `"@method": ${request.method.toUpperCase()}`,
    `"@path": ${target.pathname || '/'}`,
    `"@query": ${target.search || '?'}`,
    `"content-digest": ${digest}`,
    `"@signature-params": ${signatureParams}`,
  ];
  return lines.join('\n');
}

/**
 * Reads a device's request signature and checks what needs no key, in order: the profile, the clock, the
 * body's digest. The caller then finds the key by `keyId`, checks the signature with it, and records the
 * nonce (a replay is a second insert of it).
 */
export function readRequestSignature(request: ReceivedRequest, now: number): RequestSignature {
  const { input, created, keyId, nonce } = readInput(request.headers);
  const signature = readSignature(request.headers);
  const createdMs = created * 1000;
  if (Math.abs(now - createdMs) > MAX_CLOCK_SKEW_MS) {
    throw new CofferError('SERVER_CLOCK_SKEW', `expected a signature created within ${MAX_CLOCK_SKEW_MS / 1000} s of the gateway's clock, found ${Math.round((createdMs - now) / 1000)} s off`);
  }
  if (!contentDigestMatches(headerText(request.headers, 'content-digest'), request.body)) {
    throw new CofferError('SERVER_BAD_DIGEST', 'expected a Content-Digest (sha-256) of the body received, found another or none');
  }
  const base = signatureBase(request, serializeInnerList(input));
  const message = new TextEncoder().encode(base);
  return { keyId, nonce, createdMs, verifiedBy: (publicKey) => ed25519Verify(publicKey, message, signature) };
}

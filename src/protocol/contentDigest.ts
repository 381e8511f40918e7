import { parseDictionary } from 'structured-headers';
import { constantTimeEqual, sha256 } from '../crypto/index.js';

/** The Content-Digest field (RFC 9530 §2) for `body`: `sha-256=:<base64>:`. */
export function contentDigest(body: Uint8Array): string {
  return `sha-256=:${sha256(body).toString('base64')}:`;
}

/** Whether the Content-Digest field holds the SHA-256 of `body` (other algorithms are not accepted). */
export function contentDigestMatches(field: string | undefined, body: Uint8Array): boolean {
  if (field === undefined) return false;
  try {
    const member = parseDictionary(field).get('sha-256');
    const value = member?.[0];
    if (!(value instanceof ArrayBuffer)) return false;
    return constantTimeEqual(new Uint8Array(value), sha256(body));
  } catch {
    return false;
  }
}

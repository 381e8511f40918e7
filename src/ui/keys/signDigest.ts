import type { CofferResult } from '../ipc/wire';
import type { Assertion } from './keyCeremony';
import type { StepUp } from './StepUp';

/** A SHA-256 digest as hex (what `payments.show` gives), as the base64url WebAuthn challenge (docs/signing.md). */
export function digestChallenge(digestHex: string): string {
  const bytes = Uint8Array.from(digestHex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * An approver's signature: an assertion by one of her keys whose challenge is the digest she was shown. One
 * payment signs its payment digest; a batch will sign its batch digest the same way (issue 12 item 5).
 */
export async function signDigest(stepUp: StepUp, digestHex: string, what: string): Promise<CofferResult<Assertion>> {
  // Ensure a digest is exactly 32 bytes before a key is asked to sign it.
  if (!/^[0-9a-f]{64}$/.test(digestHex)) return { ok: false, error: { code: 'UI_BAD_ANSWER', message: 'expected a SHA-256 digest of 64 hex digits' } };
  return stepUp.askKey({ what, challenge: digestChallenge(digestHex) });
}

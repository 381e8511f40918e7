import { verifyAuthenticationResponse } from '@simplewebauthn/server';
import { AuthenticationResponseJson, CofferError, describeZodIssue } from '../../contract/index.js';
import type { RelyingParty } from './relyingParty.js';

export interface KeyAssertionOpts {
  /** The assertion as the browser's `credential.toJSON()` gave it (unparsed: it came from outside). */
  assertion: unknown;
  /** base64url of what the assertion must sign (a payment digest), or a test of it (a session's single-use challenge). */
  expectedChallenge: string | ((challenge: string) => boolean);
  rp: RelyingParty;
  /** The key it must come from: id and COSE public key. */
  credential: { id: string; publicKey: Uint8Array };
}

export interface VerifiedKeyAssertion {
  credentialId: string;
  /** The authenticator's signature counter in this assertion (0: the authenticator keeps none). */
  signCount: number;
  /** The assertion as parsed, ready to be stored (canonical member order of the JSON form). */
  assertion: AuthenticationResponseJson;
}

/**
 * Verifies one WebAuthn assertion (WebAuthn L3 §7.2) with @simplewebauthn/server: the credential, the
 * challenge, the origin, the rpId hash, the UP and UV flags and the signature over authenticatorData ‖
 * SHA-256(clientDataJSON). The counter is left to the caller, who knows the stored one (a stored approval is
 * verified again long after its counter was passed). Any failure throws APP_STEP_UP_FAILED.
 */
export async function verifyKeyAssertion(opts: KeyAssertionOpts): Promise<VerifiedKeyAssertion> {
  const parsed = AuthenticationResponseJson.safeParse(opts.assertion);
  // Ensure the proof has the shape of an assertion before any library reads it.
  if (!parsed.success) {
    const issue = describeZodIssue(parsed.error);
    throw new CofferError('APP_STEP_UP_FAILED', `expected a WebAuthn assertion, found a bad ${issue.path || 'value'}: ${issue.message}`);
  }
  const assertion = parsed.data;
  // Ensure the assertion names the key it is checked against (id and rawId agree: the library checks rawId only).
  if (assertion.id !== opts.credential.id || assertion.rawId !== opts.credential.id) {
    throw new CofferError('APP_STEP_UP_FAILED', `expected an assertion by key ${opts.credential.id}, found one by ${assertion.id}`);
  }
  let verification: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    verification = await verifyAuthenticationResponse({
      // The library's JSON type is a structural twin of ours (its optional members are looser).
      response: assertion as Parameters<typeof verifyAuthenticationResponse>[0]['response'],
      expectedChallenge: opts.expectedChallenge,
      expectedOrigin: opts.rp.origin,
      expectedRPID: opts.rp.rpId,
      // The counter is checked by the caller (cloned keys are their own refusal, APP_KEY_CLONED).
      credential: { id: opts.credential.id, publicKey: opts.credential.publicKey as Uint8Array<ArrayBuffer>, counter: 0 },
      requireUserVerification: true,
    });
  } catch (cause) {
    throw new CofferError('APP_STEP_UP_FAILED', `the hardware-key assertion does not verify: ${firstLine(cause)}`, { cause });
  }
  // Ensure the signature itself verified (the library answers false rather than throwing for a bad one).
  if (!verification.verified) throw new CofferError('APP_STEP_UP_FAILED', 'the hardware-key assertion does not verify: bad signature');
  // Ensure the user was verified (PIN, biometrics), not only present: WebAuthn §7.2 step 17.
  if (!verification.authenticationInfo.userVerified) throw new CofferError('APP_STEP_UP_FAILED', 'the hardware-key assertion lacks user verification (UV flag)');
  return { credentialId: assertion.id, signCount: verification.authenticationInfo.newCounter, assertion };
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 300) ?? '';
}

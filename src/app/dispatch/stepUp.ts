import type { Permission } from '../../policy/index.js';

/** What a step-up ceremony (a WebAuthn assertion with user verification) is asked to confirm. */
export interface StepUpRequest {
  command: string;
  permission: Permission;
  userId: string;
  /** What the assertion must sign, e.g. the payment digest of `payments.approve`; undefined: the command binds nothing. */
  challenge: Uint8Array | undefined;
  /** The record acted on (a payment id), for the prompt shown to the user. */
  target: string | undefined;
  /** The caller's evidence as it arrived (e.g. the assertion from the renderer); the verifier parses it. */
  proof: unknown;
}

/** What a verified ceremony leaves for the command to keep (an approval stores the assertion beside it). */
export interface StepUpEvidence {
  credentialId: string;
  /** The assertion in WebAuthn's JSON form, exactly as verified. */
  assertion: unknown;
}

export type StepUpOutcome = { ok: true; method: string; evidence?: StepUpEvidence } | { ok: false; code: string; message: string };

/**
 * The hook the WebAuthn issue implements. The dispatcher calls it for every command declaring
 * `stepUp: true`; without a verifier such commands are refused with APP_STEP_UP_REQUIRED, never waved through.
 */
export interface StepUpVerifier {
  verify(request: StepUpRequest): Promise<StepUpOutcome>;
}

import { callCoffer } from '../ipc/callCoffer';
import type { CofferResult } from '../ipc/wire';
import type { StepUp } from './StepUp';

/** PRF inputs are 32 random bytes (WebAuthn L3 §10.1.4 salts; the slot keeps the input, the key keeps the secret). */
const PRF_INPUT_BYTES = 32;

function base64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Gives key `id` a `webauthn-prf` slot: one touch of that key answers both the step-up (`keys.enable-unlock`
 * needs one) and the PRF at a fresh random input; the output goes to the app once and is not kept here.
 */
export async function enableUnlock(stepUp: StepUp, id: string, what: string): Promise<CofferResult<{ id: string; slotId: string }>> {
  const prfInput = crypto.getRandomValues(new Uint8Array(PRF_INPUT_BYTES));
  const assertion = await stepUp.askKey({ what, allowOnly: id, prfInput });
  if (!assertion.ok) return assertion;
  const { proof, prfOutput } = assertion.value;
  if (prfOutput === undefined) return { ok: false, error: { code: 'UI_KEY_NO_PRF', message: 'the key answered without a PRF output' } };
  return callCoffer('keys.enable-unlock', { id, prfInput: base64Url(prfInput), prfOutput }, undefined, proof);
}

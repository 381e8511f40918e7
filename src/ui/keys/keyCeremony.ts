import { startAuthentication, startRegistration, type AuthenticationResponseJSON, type PublicKeyCredentialCreationOptionsJSON, type PublicKeyCredentialRequestOptionsJSON, type RegistrationResponseJSON } from '@simplewebauthn/browser';
import type { CofferResult } from '../ipc/wire';

/*
 * The browser's own WebAuthn (Chromium's, on every OS) through @simplewebauthn/browser: options from the app's
 * commands in, the ceremony's JSON out. A ceremony never throws here: a person who cancels, a key that is not
 * touched in time or refuses its PIN, all come back as refusals with a code the window explains.
 */

/** Codes of a ceremony that did not happen; nothing reached the app, so nothing changed. */
export type CeremonyCode = 'UI_KEY_CANCELLED' | 'UI_KEY_TIMEOUT' | 'UI_KEY_ALREADY_ENROLLED' | 'UI_KEY_UNSUPPORTED' | 'UI_KEY_FAILED';

/** How long a ceremony may wait for a touch when the options name no time (WebAuthn §5.4.1 suggests 300 s). */
const DEFAULT_TIMEOUT_MS = 120_000;

function failed(code: CeremonyCode, message: string): CofferResult<never> {
  return { ok: false, error: { code, message } };
}

/** The browser's errors (WebAuthn §5.1.3, §5.1.4.1): NotAllowedError covers a cancel, a timeout and a failed PIN alike. */
function ceremonyRefusal(error: unknown, startedAt: number, timeoutMs: number): CofferResult<never> {
  const name = (error as { name?: unknown; cause?: { name?: unknown } } | null)?.cause?.name ?? (error as { name?: unknown } | null)?.name;
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 200) ?? '';
  if (name === 'NotAllowedError' || name === 'AbortError') {
    // The browser does not say which: a ceremony that ran out its whole time was not touched in time.
    if (performance.now() - startedAt >= timeoutMs - 250) return failed('UI_KEY_TIMEOUT', `the key was not confirmed within ${Math.round(timeoutMs / 1000)} s`);
    return failed('UI_KEY_CANCELLED', message);
  }
  if (name === 'InvalidStateError') return failed('UI_KEY_ALREADY_ENROLLED', message);
  if (name === 'NotSupportedError' || name === 'SecurityError') return failed('UI_KEY_UNSUPPORTED', message);
  return failed('UI_KEY_FAILED', message);
}

/** navigator.credentials.create with the app's `keys.register-options`. */
export async function createCredential(options: Record<string, unknown>): Promise<CofferResult<RegistrationResponseJSON>> {
  // The API types options loosely (only the challenge is named); they are @simplewebauthn/server's JSON form.
  const optionsJSON = options as unknown as PublicKeyCredentialCreationOptionsJSON;
  const timeoutMs = optionsJSON.timeout ?? DEFAULT_TIMEOUT_MS;
  const startedAt = performance.now();
  try {
    return { ok: true, value: await startRegistration({ optionsJSON }) };
  } catch (error) {
    return ceremonyRefusal(error, startedAt, timeoutMs);
  }
}

export interface AssertionRequest {
  /** `keys.assert-options`; `challenge` replaces its challenge (an approval signs the payment digest). */
  options: Record<string, unknown>;
  challenge?: string;
  /** Only these keys may answer (the key being given the unlock, say). */
  allowOnly?: string;
  /** Evaluate the key's PRF at this input (WebAuthn L3 §10.1.4); its output comes back as `prfOutput`. */
  prfInput?: Uint8Array<ArrayBuffer>;
}

export interface Assertion {
  /** The assertion as the app's step-up verifier reads it, without any PRF output. */
  proof: AuthenticationResponseJSON;
  /** base64url of the PRF output, when it was asked for and the key gave one. */
  prfOutput?: string;
}

function toBase64Url(buffer: ArrayBuffer | ArrayBufferView): string {
  const bytes = buffer instanceof ArrayBuffer ? new Uint8Array(buffer) : new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** navigator.credentials.get: a user-verified assertion by one of the listed keys. */
export async function getAssertion(request: AssertionRequest): Promise<CofferResult<Assertion>> {
  // As above: `keys.assert-options` answers WebAuthn's request options in their JSON form.
  const given = request.options as unknown as PublicKeyCredentialRequestOptionsJSON;
  const optionsJSON: PublicKeyCredentialRequestOptionsJSON = {
    ...given,
    ...(request.challenge === undefined ? {} : { challenge: request.challenge }),
    ...(request.allowOnly === undefined ? {} : { allowCredentials: (given.allowCredentials ?? []).filter((key) => key.id === request.allowOnly) }),
    // The library hands extensions to the browser as they are; PRF wants the input as bytes.
    ...(request.prfInput === undefined ? {} : { extensions: { prf: { eval: { first: request.prfInput } } } as PublicKeyCredentialRequestOptionsJSON['extensions'] }),
    userVerification: 'required',
  };
  const timeoutMs = optionsJSON.timeout ?? DEFAULT_TIMEOUT_MS;
  const startedAt = performance.now();
  let response: AuthenticationResponseJSON;
  try {
    response = await startAuthentication({ optionsJSON });
  } catch (error) {
    return ceremonyRefusal(error, startedAt, timeoutMs);
  }
  // The PRF output is a secret that wraps the data key: it travels once, as its own field, never inside the proof.
  const { prf, ...otherResults } = response.clientExtensionResults as typeof response.clientExtensionResults & { prf?: { results?: { first?: ArrayBuffer | ArrayBufferView } } };
  const first = prf?.results?.first;
  const proof = { ...response, clientExtensionResults: otherResults };
  return { ok: true, value: first === undefined ? { proof } : { proof, prfOutput: toBase64Url(first) } };
}

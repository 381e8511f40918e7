import type { CofferResult, KeyUnlockOptions } from '../ipc/wire';

/** What the shell needs to open the vault with a key: which key answered, and its PRF output (base64url). */
export interface KeyAnswer {
  credentialId: string;
  prfOutput: string;
}

const fromBase64url = (text: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
const toBase64url = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/**
 * Asks the user's key for the PRF output its `webauthn-prf` slot needs (WebAuthn L3 §10.1.4, evalByCredential:
 * each listed key evaluates its own slot's input), with user verification. The challenge is random and checked
 * by nobody: the PRF output itself is what opens the slot, and it is only ever derived on the authenticator.
 * The output's bytes are zeroed once encoded; the caller sends the text on at once and keeps nothing.
 */
export async function askKeyToUnlock(options: KeyUnlockOptions): Promise<CofferResult<KeyAnswer>> {
  const evalByCredential = Object.fromEntries(options.keys.map((key) => [key.credentialId, { first: fromBase64url(key.prfInput) }]));
  let credential: Credential | null;
  try {
    credential = await navigator.credentials.get({
      publicKey: {
        challenge: crypto.getRandomValues(new Uint8Array(32)),
        rpId: options.rpId,
        allowCredentials: options.keys.map((key) => ({ type: 'public-key', id: fromBase64url(key.credentialId) })),
        userVerification: 'required',
        timeout: 120_000,
        extensions: { prf: { evalByCredential } },
      },
    });
  } catch {
    // NotAllowedError covers a cancelled prompt, a timeout and a key that is not there; the user's remedy is the same.
    return { ok: false, error: { code: 'UI_KEY_CANCELLED', message: '' } };
  }
  if (!(credential instanceof PublicKeyCredential)) return { ok: false, error: { code: 'UI_KEY_CANCELLED', message: '' } };
  const first = credential.getClientExtensionResults().prf?.results?.first;
  if (first === undefined) return { ok: false, error: { code: 'UI_KEY_NO_PRF', message: '' } };
  const bytes = first instanceof ArrayBuffer ? new Uint8Array(first) : new Uint8Array(first.buffer, first.byteOffset, first.byteLength);
  const prfOutput = toBase64url(bytes);
  bytes.fill(0);
  return { ok: true, value: { credentialId: credential.id, prfOutput } };
}

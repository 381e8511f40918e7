import { dispatch, openSession, type Session } from '../../src/app/index.js';
import { webAuthnStepUp } from '../../src/app/keys/webAuthnStepUp.js';
import type { UnlockedVault } from '../../src/vault/index.js';
import { makeTestVault } from './testVault.js';
import { afterAll, beforeAll } from 'vitest';
import { startAuthenticatorBrowser, type AssertOptions, type AuthenticatorBrowser, type CredentialJson, type HeldCredential, type VirtualKey } from './virtualAuthenticator.js';

/*
 * The app's WebAuthn ceremonies driven end to end: options from the app's own commands, answered by a
 * Chromium virtual authenticator (virtualAuthenticator.ts), sent back through the dispatcher.
 */

/** Enrols `key` for the session's user (with a step-up proof once a key exists); returns the credential id. */
export async function enrolKey(session: Session, key: VirtualKey, name: string, stepUpProof?: unknown): Promise<string> {
  const options = await dispatch(session, 'keys.register-options', {});
  if (!options.ok) throw new Error(options.error.message);
  const response = await key.register(options.value.options);
  const result = await dispatch(session, 'keys.register', { response: response as never, name }, { stepUpProof });
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value.id;
}

/**
 * A step-up assertion over a fresh session challenge (`keys.assert-options`). `ceremony` changes what the
 * browser is asked: `allowCredentials: []` lets a key answer that the options do not list, another `rpId` or
 * `userVerification` is what an attacker's page would ask.
 */
export async function stepUpProof(session: Session, key: VirtualKey, ceremony: Omit<AssertOptions, 'challenge'> = {}): Promise<CredentialJson> {
  const options = await dispatch(session, 'keys.assert-options', {});
  if (!options.ok) throw new Error(options.error.message);
  const { challenge, allowCredentials } = options.value.options as { challenge: string; allowCredentials: { id: string }[] };
  return key.assert({ challenge, allowCredentials, ...ceremony });
}

/** An approval's assertion: the challenge is the payment digest as `payments.show` gives it (docs/signing.md). */
export async function approvalProof(session: Session, key: VirtualKey, paymentId: string): Promise<unknown> {
  const shown = await dispatch(session, 'payments.show', { id: paymentId });
  if (!shown.ok) throw new Error(shown.error.message);
  return key.assert({ challenge: Buffer.from(shown.value.digest, 'hex').toString('base64url'), allowCredentials: [] });
}

/** A fresh owner's vault (no bank policy yet) with one enrolled key and the real WebAuthn step-up. */
export async function vaultWithKey(key: VirtualKey): Promise<{ vault: UnlockedVault; session: Session; credentialId: string }> {
  const { vault } = await makeTestVault();
  const session = await openSession(vault, { stepUp: webAuthnStepUp({ vault }) });
  const credentialId = await enrolKey(session, key, 'YubiKey 5C');
  return { vault, session, credentialId };
}

/** The authenticator's copy of a credential, to clone it or carry it to another origin or rpId. */
export async function heldCredential(key: VirtualKey): Promise<HeldCredential> {
  const [credential] = await key.credentials();
  if (credential === undefined) throw new Error('the virtual authenticator holds no credential');
  return credential;
}

/** The stored state of a credential: what an attack must leave unchanged. */
export function storedCredential(vault: UnlockedVault, id: string): unknown {
  return vault.db.prepare('SELECT sign_count AS signCount, last_used_at AS lastUsedAt, removed_at AS removedAt FROM webauthn_credentials WHERE id = ?').get(id);
}

export interface KeyedVault {
  browser: AuthenticatorBrowser;
  /** The user's enrolled key. */
  key: VirtualKey;
  vault: UnlockedVault;
  session: Session;
  credentialId: string;
}

/**
 * For a test file: before all tests, a browser with one virtual key and an owner's vault with that key
 * enrolled; after all, both closed. The fields are filled in once `beforeAll` has run.
 */
export function useKeyedVault(): KeyedVault {
  const keyed = {} as KeyedVault;
  beforeAll(async () => {
    keyed.browser = await startAuthenticatorBrowser();
    keyed.key = await keyed.browser.newKey();
    Object.assign(keyed, await vaultWithKey(keyed.key));
  });
  afterAll(async () => {
    keyed.vault?.lock();
    await keyed.browser?.close();
  });
  return keyed;
}

/** A batch approval's assertion: the challenge is the batch digest as `payments.approve-batch-options` gives it. */
export async function batchApprovalProof(session: Session, key: VirtualKey, ids: readonly string[]): Promise<unknown> {
  const options = await dispatch(session, 'payments.approve-batch-options', { ids: [...ids] });
  if (!options.ok) throw new Error(`${options.error.code}: ${options.error.message}`);
  return key.assert({ challenge: options.value.options.challenge, allowCredentials: [] });
}

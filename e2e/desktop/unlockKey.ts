import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from '@playwright/test';
import { DEMO_PASSWORD, dispatch, openSession, seedDemoVault, type Session } from '../../src/app/index.js';
import { webAuthnStepUp } from '../../src/app/keys/webAuthnStepUp.js';
import { randomBytes } from '../../src/crypto/index.js';
import { locateCheckout, openSessionBackend, startAppShell, type AppShell, type ShellBackend } from '../../src/desktop/index.js';
import { createVault, PBKDF2_MIN_ITERATIONS, unlockVault } from '../../src/vault/index.js';

/*
 * Hardware keys in the app window itself: a CDP virtual authenticator (CTAP2, UV, resident keys, PRF) on the
 * shell's page, and the ceremonies run by that page's navigator.credentials at https://desktop.bank.example.
 */

export const OWNER_PASSWORD = 'correct horse battery staple';

export interface KeyShell {
  shell: AppShell;
  backend: ShellBackend;
  dir: string;
  close(): Promise<void>;
}

/**
 * Whether `text` is anywhere in the renderer's JavaScript heap after a full garbage collection (a CDP heap
 * snapshot, strings included).
 */
export async function heapHolds(page: Page, text: string): Promise<boolean> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    const chunks: string[] = [];
    cdp.on('HeapProfiler.addHeapSnapshotChunk', (event) => chunks.push(event.chunk));
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    return chunks.join('').includes(text);
  } finally {
    await cdp.detach();
  }
}

/** A fresh vault of its own (user `owner`, no bank policy) and a shell on it, locked. */
export async function shellOnNewVault(): Promise<KeyShell> {
  const dir = join(mkdtempSync(join(tmpdir(), 'coffer-e2e-key-')), 'vault');
  const created = await createVault(dir, OWNER_PASSWORD, { iterations: PBKDF2_MIN_ITERATIONS, autoLockMs: null });
  created.vault.lock();
  return shellOn(dir);
}

/** A demo vault of `user` as `coffer demo seed` makes it (the user's demo key enrolled; few bookings), and a shell on it, locked. */
export async function shellOnDemoVault(user: string): Promise<KeyShell> {
  const dir = join(mkdtempSync(join(tmpdir(), 'coffer-e2e-demo-')), user);
  await seedDemoVault(dir, { user, enrolDemoKey: true, bookingsPerAccount: 40 }, () => Promise.resolve(DEMO_PASSWORD));
  return shellOn(dir);
}

async function shellOn(dir: string): Promise<KeyShell> {
  const backend = openSessionBackend(dir);
  const shell = await startAppShell({ backend, uiDir: join(locateCheckout(import.meta.dirname), 'dist', 'ui'), vaultDir: dir, virtualDisplay: true });
  return { shell, backend, dir, close: () => shell.close() };
}

export interface AttachedKey {
  cdp: CDPSession;
  authenticatorId: string;
}

/** A virtual authenticator on the window's page: CTAP2, USB, user verification, resident keys, PRF as asked. */
export async function attachKey(shell: AppShell, options: { hasPrf?: boolean } = {}): Promise<AttachedKey> {
  const cdp = await shell.context.newCDPSession(shell.page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', ctap2Version: 'ctap2_1', transport: 'usb', hasUserVerification: true, isUserVerified: true, hasResidentKey: true, hasPrf: options.hasPrf ?? true, automaticPresenceSimulation: true },
  });
  return { cdp, authenticatorId };
}

/** navigator.credentials.create in the window, answered as JSON. */
export function createInPage(page: Page, options: unknown): Promise<Record<string, unknown>> {
  return page.evaluate(async (json) => {
    const credential = (await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(json as PublicKeyCredentialCreationOptionsJSON) })) as PublicKeyCredential;
    return credential.toJSON() as Record<string, unknown>;
  }, options);
}

/** navigator.credentials.get in the window with the PRF extension; the assertion as JSON and the PRF output (base64url). */
export function assertInPage(page: Page, options: unknown, prfInput: string): Promise<{ assertion: Record<string, unknown>; prfOutput: string | undefined }> {
  return page.evaluate(
    async ({ json, input }) => {
      const toB64u = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
      const first = Uint8Array.from(atob(input.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
      const request = PublicKeyCredential.parseRequestOptionsFromJSON(json as PublicKeyCredentialRequestOptionsJSON);
      const credential = (await navigator.credentials.get({ publicKey: { ...request, extensions: { prf: { eval: { first } } } } })) as PublicKeyCredential;
      const assertion = credential.toJSON() as { clientExtensionResults: Record<string, unknown> } & Record<string, unknown>;
      const output = credential.getClientExtensionResults().prf?.results?.first;
      // The app's schema wants the extension results as base64url text, as the browser's JSON form names them.
      assertion.clientExtensionResults = {};
      return { assertion, prfOutput: output === undefined ? undefined : toB64u(new Uint8Array(output as ArrayBuffer)) };
    },
    { json: options, input: prfInput },
  );
}

async function must<T>(result: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const answer = await result;
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.value;
}

/**
 * Enrols the window's key for the vault's user and turns on unlocking with it (keys.register, then
 * keys.enable-unlock after a step-up), through the app's own commands in this process while the window is
 * locked; every ceremony is answered by the authenticator on the window's page. Returns the key's id and the
 * PRF output that opens its slot (what the test must not find in the page afterwards).
 */
export async function enableUnlockWithWindowKey(keyShell: KeyShell): Promise<{ keyId: string; prfOutput: string }> {
  const vault = await unlockVault(keyShell.dir, { password: OWNER_PASSWORD }, { autoLockMs: null });
  try {
    const session: Session = await openSession(vault, { stepUp: webAuthnStepUp({ vault }) });
    const page = keyShell.shell.page;
    const creation = await must(dispatch(session, 'keys.register-options', {}));
    const registered = await must(dispatch(session, 'keys.register', { response: (await createInPage(page, creation.options)) as never, name: 'YubiKey 5 NFC' }));
    const request = await must(dispatch(session, 'keys.assert-options', {}));
    const prfInput = randomBytes(32).toString('base64url');
    const { assertion, prfOutput } = await assertInPage(page, request.options, prfInput);
    if (prfOutput === undefined) throw new Error('the window\'s key gave no PRF output');
    await must(dispatch(session, 'keys.enable-unlock', { id: registered.id, prfInput, prfOutput }, { stepUpProof: assertion }));
    return { keyId: registered.id, prfOutput };
  } finally {
    vault.lock();
  }
}

import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';

/*
 * Real WebAuthn for tests: Debian's Chromium with a CDP virtual authenticator (WebAuthn.addVirtualAuthenticator,
 * CTAP2) on a page served at https://desktop.<rpId> through request interception, as the desktop shell serves
 * the UI. The browser runs the ceremonies itself (navigator.credentials.create/get) and hands back the JSON
 * forms (PublicKeyCredential.toJSON()), so every response a test gets is one a real key could have sent.
 */

export const CHROMIUM_PATH = process.env.COFFER_CHROMIUM ?? '/usr/bin/chromium';
const LAUNCH_ARGS = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--no-sandbox'];

export interface VirtualKeyOptions {
  /** `usb` (a roaming key) or `internal` (Touch ID, Windows Hello). */
  transport?: 'usb' | 'internal';
  hasUserVerification?: boolean;
  isUserVerified?: boolean;
  hasResidentKey?: boolean;
  hasPrf?: boolean;
  /** The page's origin; https://desktop.bank.example by default. */
  origin?: string;
}

/** JSON as the browser's toJSON() gives it (checked by the app's own schemas, not here). */
export type CredentialJson = { id: string; rawId: string; type: string; response: Record<string, unknown>; clientExtensionResults: Record<string, unknown> } & Record<string, unknown>;

export interface AssertOptions {
  /** base64url challenge: a session's step-up challenge, or a payment digest. */
  challenge: string;
  rpId?: string;
  allowCredentials?: readonly { id: string; type?: string; transports?: readonly string[] }[];
  userVerification?: 'required' | 'preferred' | 'discouraged';
  /** Ask the key's PRF for this input (base64url); the output comes back in clientExtensionResults.prf. */
  prfInput?: string;
}

/** A credential as the virtual authenticator holds it (CDP WebAuthn.Credential): with its private key. */
export interface HeldCredential {
  credentialId: string;
  isResidentCredential: boolean;
  rpId?: string;
  privateKey: string;
  userHandle?: string;
  signCount: number;
}

export interface VirtualKey {
  readonly page: Page;
  readonly authenticatorId: string;
  /** navigator.credentials.create with the app's options (keys.register-options). */
  register(options: Record<string, unknown>): Promise<CredentialJson>;
  /** navigator.credentials.get. */
  assert(options: AssertOptions): Promise<CredentialJson>;
  /** The credentials the authenticator holds, private keys included (to clone a key, or move it to another rpId). */
  credentials(): Promise<HeldCredential[]>;
  addCredential(credential: HeldCredential): Promise<void>;
  removeCredential(credentialId: string): Promise<void>;
  setUserVerified(isUserVerified: boolean): Promise<void>;
  close(): Promise<void>;
}

const BLANK_PAGE = '<!doctype html><meta charset="utf-8"><title>Coffer WebAuthn test</title><p>WebAuthn test page</p>';

async function openPage(context: BrowserContext, origin: string): Promise<Page> {
  const page = await context.newPage();
  // The page is served from memory; nothing reaches the network (as the desktop shell serves the UI).
  await page.route('**/*', (route) =>
    route.request().url().startsWith(`${origin}/`) ? route.fulfill({ status: 200, contentType: 'text/html', body: BLANK_PAGE }) : route.abort(),
  );
  await page.goto(`${origin}/`);
  return page;
}

async function addAuthenticator(cdp: CDPSession, options: VirtualKeyOptions): Promise<string> {
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      ctap2Version: 'ctap2_1',
      transport: options.transport ?? 'usb',
      hasUserVerification: options.hasUserVerification ?? true,
      isUserVerified: options.isUserVerified ?? true,
      hasResidentKey: options.hasResidentKey ?? true,
      hasPrf: options.hasPrf ?? true,
      automaticPresenceSimulation: true,
    },
  });
  return authenticatorId;
}

/**
 * Runs in the page: create() or get() from JSON options, answered as JSON, PRF outputs in base64url. Kept as
 * page source (the test project compiles without the DOM library).
 */
const CEREMONY_IN_PAGE = `async (args) => {
  const toB64u = (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer))).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
  const fromB64u = (text) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  const credential = args.kind === 'create'
    ? await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(args.options) })
    : await navigator.credentials.get({
        publicKey: {
          ...PublicKeyCredential.parseRequestOptionsFromJSON(args.options),
          ...(args.prfInput === undefined ? {} : { extensions: { prf: { eval: { first: fromB64u(args.prfInput) } } } }),
        },
      });
  const json = credential.toJSON();
  const prf = credential.getClientExtensionResults().prf;
  if (prf !== undefined) {
    json.clientExtensionResults.prf = {
      ...(prf.enabled === undefined ? {} : { enabled: prf.enabled }),
      ...(prf.results?.first === undefined ? {} : { results: { first: toB64u(prf.results.first) } }),
    };
  }
  return json;
}`;

async function ceremony(page: Page, args: { kind: 'create' | 'get'; options: Record<string, unknown>; prfInput?: string }): Promise<CredentialJson> {
  return (await page.evaluate(`(${CEREMONY_IN_PAGE})(${JSON.stringify(args)})`)) as CredentialJson;
}

export interface AuthenticatorBrowser {
  readonly browser: Browser;
  /** A new window (own context) at `origin` with one virtual authenticator attached. */
  newKey(options?: VirtualKeyOptions): Promise<VirtualKey>;
  close(): Promise<void>;
}

/** Starts Chromium headless; each key gets a window of its own, so a ceremony never picks another test's key. */
export async function startAuthenticatorBrowser(): Promise<AuthenticatorBrowser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: LAUNCH_ARGS });
  return {
    browser,
    async newKey(options: VirtualKeyOptions = {}): Promise<VirtualKey> {
      const origin = options.origin ?? 'https://desktop.bank.example';
      const context = await browser.newContext({ ignoreHTTPSErrors: true });
      const page = await openPage(context, origin);
      const cdp = await context.newCDPSession(page);
      const authenticatorId = await addAuthenticator(cdp, options);
      return {
        page,
        authenticatorId,
        register: (creation) => ceremony(page, { kind: 'create', options: creation }),
        assert: ({ prfInput, ...request }) => ceremony(page, { kind: 'get', options: { rpId: 'bank.example', userVerification: 'required', timeout: 15_000, ...request }, ...(prfInput === undefined ? {} : { prfInput }) }),
        credentials: async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials as HeldCredential[],
        addCredential: async (credential) => {
          await cdp.send('WebAuthn.addCredential', { authenticatorId, credential });
        },
        removeCredential: async (credentialId) => {
          await cdp.send('WebAuthn.removeCredential', { authenticatorId, credentialId });
        },
        setUserVerified: async (isUserVerified) => {
          await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified });
        },
        close: () => context.close(),
      };
    },
    close: () => browser.close(),
  };
}

/** CDP gives credential ids in base64; WebAuthn's JSON in base64url. */
export function base64ToBase64url(text: string): string {
  return Buffer.from(text, 'base64').toString('base64url');
}

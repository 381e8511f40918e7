import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import type { DemoAuthenticator } from '../app/index.js';

/** An attached virtual authenticator; `detach` removes it and ends the browser's virtual environment. */
export interface AttachedAuthenticator {
  authenticatorId: string;
  detach(): Promise<void>;
}

/**
 * DEMO ONLY. Gives the window a CDP virtual authenticator (CTAP2, internal, user verification, resident keys)
 * holding the demo user's published software key, so a demo vault approves without a physical key. While it
 * is attached, Chromium answers every WebAuthn request of the page from virtual authenticators only: a
 * physical key would go unheard. That is one more reason it is attached only where `demoAuthenticatorFor`
 * says the vault is a demo vault, and detached when the vault locks.
 */
export async function attachDemoAuthenticator(context: BrowserContext, page: Page, demo: DemoAuthenticator): Promise<AttachedAuthenticator> {
  const cdp: CDPSession = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      ctap2Version: 'ctap2_1',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  // CDP carries binary fields as base64 (not base64url).
  await cdp.send('WebAuthn.addCredential', {
    authenticatorId,
    credential: {
      credentialId: Buffer.from(demo.credentialId, 'base64url').toString('base64'),
      isResidentCredential: true,
      rpId: demo.rpId,
      privateKey: demo.privateKeyPkcs8.toString('base64'),
      userHandle: demo.userHandle.toString('base64'),
      signCount: demo.signCount,
    },
  });
  return {
    authenticatorId,
    async detach() {
      await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId }).catch(() => undefined);
      await cdp.send('WebAuthn.disable').catch(() => undefined);
      await cdp.detach().catch(() => undefined);
    },
  };
}

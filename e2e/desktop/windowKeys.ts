import type { CDPSession, Page } from '@playwright/test';
import type { HeldCredential } from '../../test/support/virtualAuthenticator.js';

/*
 * Hardware keys for the app window: CDP virtual authenticators (WebAuthn.addVirtualAuthenticator, CTAP2)
 * attached to the window's own page, so the UI runs the browser's real ceremonies against them. One key is
 * plugged in at a time, as a person plugs one key into one port: unplugging keeps the key's credentials
 * (private keys and counters), plugging it in again restores them, so a key keeps working across swaps.
 */

export interface KeyModel {
  /** `usb` (a roaming key such as a YubiKey) or `internal` (Touch ID, Windows Hello). */
  transport: 'usb' | 'internal';
  hasPrf: boolean;
}

export interface WindowKey {
  readonly model: KeyModel;
  credentials: HeldCredential[];
}

export class WindowKeys {
  #plugged: { key: WindowKey; authenticatorId: string } | undefined;

  private constructor(private readonly cdp: CDPSession) {}

  static async attach(page: Page): Promise<WindowKeys> {
    const cdp = await page.context().newCDPSession(page);
    // No browser dialog: the virtual authenticator answers as a key that is touched at once.
    await cdp.send('WebAuthn.enable', { enableUI: false });
    return new WindowKeys(cdp);
  }

  newKey(model: KeyModel): WindowKey {
    return { model, credentials: [] };
  }

  async plug(key: WindowKey): Promise<void> {
    await this.unplug();
    const { authenticatorId } = await this.cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        ctap2Version: 'ctap2_1',
        transport: key.model.transport,
        hasUserVerification: true,
        isUserVerified: true,
        hasResidentKey: true,
        hasPrf: key.model.hasPrf,
        automaticPresenceSimulation: true,
      },
    });
    for (const credential of key.credentials) await this.cdp.send('WebAuthn.addCredential', { authenticatorId, credential });
    this.#plugged = { key, authenticatorId };
  }

  async unplug(): Promise<void> {
    const plugged = this.#plugged;
    if (plugged === undefined) return;
    const { credentials } = await this.cdp.send('WebAuthn.getCredentials', { authenticatorId: plugged.authenticatorId });
    plugged.key.credentials = credentials as HeldCredential[];
    await this.cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: plugged.authenticatorId });
    this.#plugged = undefined;
  }

  /**
   * false: the key refuses user verification (a wrong PIN, a cancelled prompt); the browser reports
   * NotAllowedError. Chromium's virtual key keeps refusing after that even when set back to true (measured
   * here): plug the key in again, which keeps its credentials.
   */
  async setUserVerified(isUserVerified: boolean): Promise<void> {
    if (this.#plugged === undefined) throw new Error('no key is plugged in');
    await this.cdp.send('WebAuthn.setUserVerified', { authenticatorId: this.#plugged.authenticatorId, isUserVerified });
  }

  async close(): Promise<void> {
    await this.unplug();
    await this.cdp.send('WebAuthn.disable').catch(() => undefined);
    await this.cdp.detach().catch(() => undefined);
  }
}

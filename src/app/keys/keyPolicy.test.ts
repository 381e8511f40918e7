import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, makeDemoVault, type DemoVault } from '../../../test/fixtures/demo/demoVault.js';
import { enrolKey, stepUpProof } from '../../../test/support/hardwareKeys.js';
import { startAuthenticatorBrowser, type AuthenticatorBrowser } from '../../../test/support/virtualAuthenticator.js';
import { demoOrgPolicy } from '../demo/demoOrganisation.js';
import { dispatch } from '../dispatch/dispatch.js';
import { openSession, type Session } from '../dispatch/openSession.js';
import { webAuthnStepUp } from './webAuthnStepUp.js';

// The organisation policy's rules for hardware keys: allowed models (AAGUID), keys required, step-up window.
let browser: AuthenticatorBrowser;
const opened: DemoVault[] = [];
const now = new Date();

beforeAll(async () => {
  browser = await startAuthenticatorBrowser();
});
afterAll(async () => {
  for (const demo of opened) demo.close();
  await browser?.close();
});

async function bobWith(hardwareKeys: NonNullable<ReturnType<typeof demoOrgPolicy>['hardwareKeys']>, clock?: () => Date): Promise<{ demo: DemoVault; session: Session }> {
  const policy = { ...demoOrgPolicy(now), hardwareKeys };
  const demo = await makeDemoVault('bob', { policy, now });
  opened.push(demo);
  const session = await openSession(demo.vault, { stepUp: webAuthnStepUp({ vault: demo.vault, ...(clock ? { now: clock } : {}) }), ...(clock ? { now: clock } : {}) });
  return { demo, session };
}

/** Chromium's virtual authenticator reports the all-zero AAGUID (attestation "none": the key says so itself). */
const CHROMIUM_VIRTUAL_AAGUID = '00000000-0000-0000-0000-000000000000';
/** YubiKey 5 NFC (FIDO MDS), a model the virtual authenticator is not. */
const YUBIKEY_5_NFC = 'cb69481e-8ff7-4039-93ec-0a2729a154a8';

describe('when the policy allows only other authenticator models', () => {
  it('refuses the enrolment with APP_KEY_NOT_ALLOWED naming the model, audited, and stores no key', async () => {
    const { demo, session } = await bobWith({ allowedAaguids: [YUBIKEY_5_NFC] });
    await expect(enrolKey(session, await browser.newKey(), 'Unlisted key')).rejects.toThrow(`APP_KEY_NOT_ALLOWED: the organisation policy does not allow authenticators of model ${CHROMIUM_VIRTUAL_AAGUID}`);
    expect(auditEntries(demo.vault).at(-1)).toMatchObject({ action: 'keys.register', outcome: 'denied', reason: 'APP_KEY_NOT_ALLOWED' });
    expect(demo.vault.db.prepare("SELECT count(*) AS n FROM webauthn_credentials WHERE user_id = 'bob'").get()).toEqual({ n: 0 });
  });
});

describe('when the policy lists the model among others', () => {
  it('enrols the key and records its model', async () => {
    const { demo, session } = await bobWith({ allowedAaguids: [YUBIKEY_5_NFC, CHROMIUM_VIRTUAL_AAGUID] });
    const id = await enrolKey(session, await browser.newKey(), 'Listed key');
    expect(demo.vault.db.prepare('SELECT aaguid FROM webauthn_credentials WHERE id = ?').get(id)).toEqual({ aaguid: CHROMIUM_VIRTUAL_AAGUID });
    expect(auditEntries(demo.vault).at(-1)).toMatchObject({ action: 'keys.register', outcome: 'allowed', details: { aaguid: CHROMIUM_VIRTUAL_AAGUID } });
  });
});

describe('when the policy requires keys and allows the model', () => {
  it('enrols it, and refuses to remove the last key with APP_LAST_KEY (before any key is asked to sign)', async () => {
    const probe = await bobWith({});
    const key = await browser.newKey();
    const probeId = await enrolKey(probe.session, key, 'Probe');
    const aaguid = (probe.demo.vault.db.prepare('SELECT aaguid FROM webauthn_credentials WHERE id = ?').get(probeId) as { aaguid: string }).aaguid;
    expect(aaguid).toBe(CHROMIUM_VIRTUAL_AAGUID);

    const { demo, session } = await bobWith({ required: true, allowedAaguids: [aaguid] });
    const id = await enrolKey(session, key, 'Only key');
    const result = await dispatch(session, 'keys.remove', { id }, { stepUpProof: await stepUpProof(session, key) });
    expect(result).toMatchObject({ ok: false, error: { code: 'APP_LAST_KEY' } });
    expect(auditEntries(demo.vault).at(-1)).toMatchObject({ action: 'keys.remove', outcome: 'denied', reason: 'APP_LAST_KEY' });
    expect(await dispatch(session, 'keys.list', {})).toMatchObject({ ok: true, value: { keys: [{ id }] } });
  });
});

describe('when a step-up challenge is older than the step-up window', () => {
  for (const [label, rules, windowSeconds] of [['5 minutes by default', {}, 300], ['the shorter window the policy sets', { stepUpSeconds: 60 }, 60]] as const) {
    it(`accepts it just inside and refuses it (APP_STEP_UP_FAILED) just after ${label}`, async () => {
      let clock = now.getTime();
      const { session } = await bobWith(rules, () => new Date(clock));
      const key = await browser.newKey();
      await enrolKey(session, key, 'Key');
      const inTime = await stepUpProof(session, key);
      clock += (windowSeconds - 1) * 1000;
      await expect(enrolKey(session, await browser.newKey(), 'Second', inTime)).resolves.toEqual(expect.any(String));
      const late = await stepUpProof(session, key);
      clock += (windowSeconds + 1) * 1000;
      await expect(enrolKey(session, await browser.newKey(), 'Third', late)).rejects.toThrow(/APP_STEP_UP_FAILED/);
    });
  }
});

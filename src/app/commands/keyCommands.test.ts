import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from '../../../test/fixtures/demo/demoVault.js';
import { stepUpProof } from '../../../test/support/hardwareKeys.js';
import { makeTestVault } from '../../../test/support/testVault.js';
import { startAuthenticatorBrowser, type AuthenticatorBrowser, type VirtualKey } from '../../../test/support/virtualAuthenticator.js';
import type { UnlockedVault } from '../../vault/index.js';
import { dispatch } from '../dispatch/dispatch.js';
import { openSession, type Session } from '../dispatch/openSession.js';
import { webAuthnStepUp } from '../keys/webAuthnStepUp.js';

// Real WebAuthn: Chromium's virtual authenticators answer the options the commands give.
let browser: AuthenticatorBrowser;
let vault: UnlockedVault;
let session: Session;
let first: VirtualKey;
let second: VirtualKey;
let firstId = '';
let secondId = '';

beforeAll(async () => {
  browser = await startAuthenticatorBrowser();
  first = await browser.newKey({ transport: 'usb' });
  second = await browser.newKey({ transport: 'internal', hasPrf: false });
  ({ vault } = await makeTestVault());
  session = await openSession(vault, { stepUp: webAuthnStepUp({ vault }) });
});
afterAll(async () => {
  vault?.lock();
  await browser?.close();
});

const enrol = async (key: VirtualKey, name: string, stepUpProof?: unknown) => {
  const options = await dispatch(session, 'keys.register-options', {});
  if (!options.ok) throw new Error(options.error.message);
  return dispatch(session, 'keys.register', { response: (await key.register(options.value.options)) as never, name }, { stepUpProof });
};
const stepUpWith = (key: VirtualKey, anyKey = false) => stepUpProof(session, key, anyKey ? { allowCredentials: [] } : {});

describe('when the user enrols a first hardware key', () => {
  it('asks for UV, a discoverable key, no attestation and PRF, for rpId bank.example', async () => {
    const options = await dispatch(session, 'keys.register-options', {});
    expect(options).toMatchObject({
      ok: true,
      value: { options: { rp: { id: 'bank.example' }, attestation: 'none', authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' }, extensions: { prf: {} } } },
    });
  });

  it('stores it without a step-up (none exists yet), lists it as PRF-capable and audits the enrolment', async () => {
    const result = await enrol(first, 'YubiKey 5C');
    expect(result).toMatchObject({ ok: true, value: { name: 'YubiKey 5C', prfCapable: true, unlocks: false, transports: ['usb'] } });
    if (!result.ok) return;
    firstId = result.value.id;
    expect(await dispatch(session, 'keys.list', {})).toMatchObject({ ok: true, value: { keys: [{ id: firstId, name: 'YubiKey 5C', lastUsedAt: null }] } });
    expect(auditEntries(vault).at(-1)).toMatchObject({ action: 'keys.register', outcome: 'allowed', target: firstId });
    expect(session.keysEnrolled).toBe(true);
  });

  it('refuses the same registration response twice (its challenge is used up) with APP_KEY_REJECTED', async () => {
    const options = await dispatch(session, 'keys.register-options', {});
    if (!options.ok) throw new Error(options.error.message);
    const response = await second.register(options.value.options);
    const step = await stepUpWith(first);
    expect(await dispatch(session, 'keys.register', { response: response as never, name: 'Touch ID' }, { stepUpProof: step })).toMatchObject({ ok: true });
    secondId = (await dispatch(session, 'keys.list', {})).ok ? response.id : '';
    const again = await dispatch(session, 'keys.register', { response: response as never, name: 'Touch ID again' }, { stepUpProof: await stepUpWith(first) });
    expect(again).toMatchObject({ ok: false, error: { code: 'APP_KEY_REJECTED' } });
  });
});

describe('when a second key is enrolled once one exists', () => {
  it('refuses it without a step-up (APP_STEP_UP_REQUIRED), audited, and stores nothing', async () => {
    const third = await browser.newKey();
    const result = await enrol(third, 'Spare');
    expect(result).toMatchObject({ ok: false, error: { code: 'APP_STEP_UP_REQUIRED' } });
    expect(auditEntries(vault).at(-1)).toMatchObject({ action: 'keys.register', outcome: 'denied', reason: 'APP_STEP_UP_REQUIRED' });
    expect((await dispatch(session, 'keys.list', {})).ok && (await dispatch(session, 'keys.list', {}))).toMatchObject({ value: { keys: [{ id: firstId }, { id: secondId }] } });
    await third.close();
  });

  it('records the new key without PRF as not PRF-capable', async () => {
    expect(await dispatch(session, 'keys.list', {})).toMatchObject({ ok: true, value: { keys: [{ prfCapable: true }, { id: secondId, prfCapable: false, transports: ['internal'] }] } });
  });
});

describe('when the user renames and removes keys', () => {
  it('renames one, audited with the old and new name', async () => {
    expect(await dispatch(session, 'keys.rename', { id: secondId, name: 'Laptop Touch ID' })).toMatchObject({ ok: true, value: { name: 'Laptop Touch ID' } });
    expect(auditEntries(vault).at(-1)).toMatchObject({ action: 'keys.rename', target: secondId, details: { from: 'Touch ID', to: 'Laptop Touch ID' } });
  });

  it('refuses a bad name with APP_BAD_INPUT and a key of nobody with APP_NOT_FOUND', async () => {
    expect(await dispatch(session, 'keys.rename', { id: secondId, name: 'two\nlines' })).toMatchObject({ ok: false, error: { code: 'APP_BAD_INPUT' } });
    expect(await dispatch(session, 'keys.rename', { id: 'bm9ib2R5', name: 'x' })).toMatchObject({ ok: false, error: { code: 'APP_NOT_FOUND' } });
  });

  it('removes one only with a step-up, and the step-up is audited with the key that made it', async () => {
    expect(await dispatch(session, 'keys.remove', { id: secondId })).toMatchObject({ ok: false, error: { code: 'APP_STEP_UP_REQUIRED' } });
    expect(await dispatch(session, 'keys.remove', { id: secondId }, { stepUpProof: await stepUpWith(first) })).toMatchObject({ ok: true, value: { id: secondId, removedSlots: [] } });
    const entries = auditEntries(vault);
    expect(entries.at(-2)).toMatchObject({ action: 'keys.use', target: firstId, outcome: 'allowed' });
    expect(entries.at(-1)).toMatchObject({ action: 'keys.remove', target: secondId, outcome: 'allowed', details: { stepUp: `webauthn:${firstId}` } });
    expect(await dispatch(session, 'keys.list', {})).toMatchObject({ ok: true, value: { keys: [{ id: firstId }] } });
  });

  it('refuses a step-up by the removed key (APP_STEP_UP_FAILED)', async () => {
    const result = await dispatch(session, 'keys.rename', { id: firstId, name: 'Main' });
    expect(result).toMatchObject({ ok: true });
    expect(await dispatch(session, 'keys.remove', { id: firstId }, { stepUpProof: await stepUpWith(second, true) })).toMatchObject({ ok: false, error: { code: 'APP_STEP_UP_FAILED' } });
    expect(auditEntries(vault).at(-1)).toMatchObject({ action: 'keys.remove', outcome: 'denied', reason: 'APP_STEP_UP_FAILED' });
  });
});

describe('after enrolments, step-ups, a rename and a removal', () => {
  it('the log still covers every key record: audit.verify passes', async () => {
    expect(await dispatch(session, 'audit.verify', {})).toMatchObject({ ok: true });
  });
});

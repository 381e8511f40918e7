import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { demoBankWithCode } from '../../../test/support/enrolledVault.js';
import { describeOnEachStore, type StoreUnderTest } from '../../../test/support/gatewayStores.js';
import { startTestGateway } from '../../../test/support/gatewayClient.js';
import { stepUpProof } from '../../../test/support/hardwareKeys.js';
import { makeTestVault, TEST_PASSWORD } from '../../../test/support/testVault.js';
import { startAuthenticatorBrowser, type AuthenticatorBrowser } from '../../../test/support/virtualAuthenticator.js';
import { auditEntries } from '../../../test/fixtures/demo/demoVault.js';
import { generateEd25519KeyPair, ed25519PublicKeyFromSeed } from '../../crypto/index.js';
import { enrolmentRegistrationChallenge } from '../../domain/index.js';
import { unlockVault, type UnlockedVault } from '../../vault/index.js';
import { dispatch } from '../dispatch/dispatch.js';
import { openSession } from '../dispatch/openSession.js';
import { webAuthnStepUp } from '../keys/webAuthnStepUp.js';

// Real WebAuthn: a Chromium virtual authenticator answers the options bank.enrol-options gives.
let browser: AuthenticatorBrowser;
beforeAll(async () => {
  browser = await startAuthenticatorBrowser();
});
afterAll(async () => {
  await browser?.close();
});
const open: UnlockedVault[] = [];
afterEach(() => {
  for (const vault of open.splice(0)) vault.lock();
});

/** The demo bank with a code for Erin, its gateway, and a fresh vault (locked after the test) with a session on it. */
async function freshVaultAtDemoBank(stores: StoreUnderTest) {
  const store = await stores.fresh();
  const { code } = await demoBankWithCode(store, 'erin');
  const gateway = await startTestGateway(store);
  const { dir, vault } = await makeTestVault();
  open.push(vault);
  return { store, code, gateway, dir, vault, session: await openSession(vault) };
}

describeOnEachStore('a fresh vault enrols with the hardware key the user registers for it', (stores) => {
  it('stores the key as the Keys screen would, the policy the bank answered lists it, and it confirms a later change', async () => {
    const { store, code, gateway, dir, vault: fresh, session } = await freshVaultAtDemoBank(stores);
    const options = await dispatch(session, 'bank.enrol-options', {});
    if (!options.ok) throw new Error(options.error.message);
    // The challenge is the one the gateway recomputes from the device key the enrolment registers.
    expect(options.value.options.challenge).toBe(enrolmentRegistrationChallenge(ed25519PublicKeyFromSeed(fresh.audit.identity.signer.seed)));
    const key = await browser.newKey({ transport: 'usb' });
    const response = await key.register(options.value.options);
    const enrolled = await dispatch(session, 'bank.enrol', { server: gateway.url, code, keys: [{ response: response as never, name: 'YubiKey 5C' }] });
    if (!enrolled.ok) throw new Error(`${enrolled.error.code}: ${enrolled.error.message}`);
    expect(enrolled.value).toMatchObject({ userId: 'erin', keys: [response.id] });
    expect(auditEntries(fresh).find((entry) => entry.action === 'bank.enrol')).toMatchObject({ outcome: 'allowed', details: { keys: [{ id: response.id, prfCapable: true }] } });
    fresh.lock();

    const vault = await unlockVault(dir, { password: TEST_PASSWORD }, { autoLockMs: null });
    open.push(vault);
    const erin = await openSession(vault, { stepUp: webAuthnStepUp({ vault }) });
    expect(erin.userId).toBe('erin');
    if (erin.policy.status !== 'valid') throw new Error(`expected the bank's policy installed, found ${erin.policy.status}`);
    expect(erin.policy.policy.users.find((user) => user.id === 'erin')?.credentials?.map((credential) => credential.id)).toEqual([response.id]);
    const keys = await dispatch(erin, 'keys.list', {});
    expect(keys).toMatchObject({ ok: true, value: { keys: [{ id: response.id, name: 'YubiKey 5C', prfCapable: true, unlocks: false }] } });
    const atBank = await store.db.selectFrom('credentials').select(['id', 'user_id']).execute();
    expect(atBank).toEqual([{ id: response.id, user_id: 'erin' }]);
    // The stored key serves a step-up: adding a second key asks for it, and it answers.
    const second = await browser.newKey({ transport: 'internal' });
    const more = await dispatch(erin, 'keys.register-options', {});
    if (!more.ok) throw new Error(more.error.message);
    const secondResponse = await second.register(more.value.options);
    const added = await dispatch(erin, 'keys.register', { response: secondResponse as never, name: 'Laptop' }, { stepUpProof: await stepUpProof(erin, key) });
    expect(added).toMatchObject({ ok: true, value: { id: secondResponse.id } });
  });

  it("refuses a registration made for another device's enrolment with APP_KEY_REJECTED before anything is sent: nothing stored, the code unspent", async () => {
    const { store, code, gateway, vault, session } = await freshVaultAtDemoBank(stores);
    const options = await dispatch(session, 'bank.enrol-options', {});
    if (!options.ok) throw new Error(options.error.message);
    // The attacker's registration answers the challenge of another device key (captured from another enrolment).
    const otherDevice = generateEd25519KeyPair().publicKey;
    const key = await browser.newKey({ transport: 'usb' });
    const captured = await key.register({ ...options.value.options, challenge: enrolmentRegistrationChallenge(otherDevice) });
    const result = await dispatch(session, 'bank.enrol', { server: gateway.url, code, keys: [{ response: captured as never, name: 'Captured' }] });
    expect(result).toMatchObject({ ok: false, error: { code: 'APP_KEY_REJECTED' } });
    expect(auditEntries(vault).at(-1)).toMatchObject({ action: 'bank.enrol', outcome: 'failed', reason: 'APP_KEY_REJECTED' });
    expect(vault.db.prepare('SELECT (SELECT count(*) FROM webauthn_credentials) + (SELECT count(*) FROM bank_connection)').pluck().get()).toBe(0);
    expect(await store.db.selectFrom('devices').select('id').execute()).toEqual([]);
    expect(await store.db.selectFrom('credentials').select('id').execute()).toEqual([]);
    // The code was never sent: the same vault enrols with it, and a fresh code is not needed.
    expect(await dispatch(session, 'bank.enrol', { server: gateway.url, code })).toMatchObject({ ok: true, value: { userId: 'erin', keys: [] } });
  });

  it('refuses bank.enrol-options once the vault is enrolled, with APP_ALREADY_ENROLLED', async () => {
    const { code, gateway, session } = await freshVaultAtDemoBank(stores);
    expect(await dispatch(session, 'bank.enrol', { server: gateway.url, code })).toMatchObject({ ok: true });
    expect(await dispatch(session, 'bank.enrol-options', {})).toMatchObject({ ok: false, error: { code: 'APP_ALREADY_ENROLLED' } });
  });
});

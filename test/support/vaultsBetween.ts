/**
 * Approvals between vaults with real vaults and a real gateway, as `coffer sync` runs them: the demo bank,
 * Alice's vault (the maker) and Bob's (the approver), both enrolled through the app's own `bank.enrol`. Vaults
 * opened here are locked after each test.
 */
import { afterEach, expect } from 'vitest';
import { dispatch } from '../../src/app/dispatch/dispatch.js';
import { openSession } from '../../src/app/dispatch/openSession.js';
import { webAuthnStepUp } from '../../src/app/keys/webAuthnStepUp.js';
import { requirePayment } from '../../src/app/commands/records/paymentRecords.js';
import { paymentDigest } from '../../src/domain/index.js';
import type { GatewayOptions, GatewayStore } from '../../src/server/index.js';
import type { UnlockedVault } from '../../src/vault/index.js';
import { auditEntries } from '../fixtures/demo/demoVault.js';
import { DEMO_EUR_ACCOUNT } from './approvedPayment.js';
import { anotherCode, demoBankWithCode, enrolFreshVault } from './enrolledVault.js';
import { startTestGateway } from './gatewayClient.js';
import { lossyProxy, type LossyProxy } from './lossyProxy.js';
import { assertWithKey, registerKey, softwareKey, type SoftwareKey } from './softwareAuthenticator.js';

const open: UnlockedVault[] = [];
afterEach(() => {
  for (const vault of open.splice(0)) vault.lock();
});

/** Locks `vault` after the test. */
export function lockAfterTest(vault: UnlockedVault): UnlockedVault {
  open.push(vault);
  return vault;
}

export const statusOf = (vault: UnlockedVault, id: string) => vault.db.prepare('SELECT status FROM payments WHERE id = ?').pluck().get(id);
export const digestOf = (vault: UnlockedVault, id: string) => paymentDigest(requirePayment(vault.db, id).payment).toString('hex');
export const entriesOf = (vault: UnlockedVault, action: string) => auditEntries(vault).filter((entry) => entry.action === action);

export async function sync(vault: UnlockedVault) {
  const result = await dispatch(await openSession(vault), 'bank.sync', {});
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** `payments.show` in `vault`: the payment, its approvals as verified there, and what its rule still needs. */
export async function show(vault: UnlockedVault, id: string) {
  const result = await dispatch(await openSession(vault), 'payments.show', { id });
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** The maker creates a payment of `amount` EUR (executed on `date`, YYYY-MM-DD, today when not given) and submits it for approval; returns its id. */
export async function submittedPayment(maker: UnlockedVault, amount = '120.00', date?: string): Promise<string> {
  const session = await openSession(maker);
  const order = { from: DEMO_EUR_ACCOUNT, toName: 'Boulangerie Éclair SARL', toIban: 'FR1420041010050500013M02606', amount, currency: 'EUR', reference: 'Catering' } as const;
  const created = await dispatch(session, 'payments.create', { ...order, ...(date === undefined ? {} : { date }) });
  if (!created.ok) throw new Error(created.error.message);
  expect(await dispatch(session, 'payments.submit', { id: created.value.id })).toMatchObject({ ok: true });
  return created.value.id;
}

/** The approver's approval of the payment as her vault holds it, stepped up with her hardware key. */
export async function approve(approver: UnlockedVault, key: SoftwareKey, id: string) {
  const session = await openSession(approver, { stepUp: webAuthnStepUp({ vault: approver }) });
  return dispatch(session, 'payments.approve', { id }, { stepUpProof: assertWithKey(key, Buffer.from(digestOf(approver, id), 'hex')) });
}

export interface MakerAndApprover {
  gateway: { url: string };
  /** The maker's way to the gateway: a proxy that can lose or rewrite answers. */
  proxy: LossyProxy;
  /** The approver's way to the gateway: another such proxy. */
  approverProxy: LossyProxy;
  maker: UnlockedVault;
  /** The maker's vault folder, to unlock it again as after a restart. */
  makerDir: string;
  approver: UnlockedVault;
  key: SoftwareKey;
}

/**
 * `user`'s vault enrolled at `gatewayUrl` with a new code of the demo bank on `store`; she registers a hardware key
 * after enrolment and syncs, so the bank lists it. Locked after the test.
 */
export async function approverWithKey(gatewayUrl: string, store: GatewayStore, user: string): Promise<{ vault: UnlockedVault; key: SoftwareKey }> {
  const vault = lockAfterTest((await enrolFreshVault(gatewayUrl, await anotherCode(store, user))).vault);
  return { vault, key: await registerKeyAfterEnrolment(vault, user) };
}

/** A hardware key registered in the enrolled `vault` of `user` and carried to the bank by a sync, so the policy lists it. */
export async function registerKeyAfterEnrolment(vault: UnlockedVault, user: string): Promise<SoftwareKey> {
  const key = softwareKey();
  const session = await openSession(vault, { stepUp: webAuthnStepUp({ vault }) });
  const options = await dispatch(session, 'keys.register-options', {});
  if (!options.ok) throw new Error(options.error.message);
  const { challenge } = options.value.options as { challenge: string };
  expect(await dispatch(session, 'keys.register', { response: registerKey(key, challenge) as never, name: `${user}'s YubiKey 5C` })).toMatchObject({ ok: true });
  const synced = await sync(vault);
  expect(synced.credentials).toEqual({ registered: [{ id: key.id, policyVersion: synced.policy.version }], refused: [], pending: 0 });
  return key;
}

/**
 * The demo bank, Alice's vault (the maker) and Bob's (the approver), both enrolled, each through a proxy of its
 * own that can lose or rewrite answers; Bob registers a hardware key in his vault after enrolment and syncs, so
 * the bank lists it.
 */
export async function makerAndApprover(store: GatewayStore): Promise<MakerAndApprover> {
  await demoBankWithCode(store, 'erin');
  const gateway = await startTestGateway(store);
  const proxy = await lossyProxy(gateway.url);
  const approverProxy = await lossyProxy(gateway.url);
  const { dir: makerDir, vault: maker } = await enrolFreshVault(proxy.url, await anotherCode(store, 'alice'));
  lockAfterTest(maker);
  const { vault: approver, key } = await approverWithKey(approverProxy.url, store, 'bob');
  return { gateway, proxy, approverProxy, maker, makerDir, approver, key };
}

/**
 * The demo bank, Alice's vault (the maker), and Bob's and Carol's (the A and the B approver above 10,000.00 EUR),
 * all three enrolled straight at one gateway (built with `gatewayOptions`); each approver registers a hardware key
 * after enrolment and syncs.
 */
export async function makerAndTwoApprovers(
  store: GatewayStore,
  gatewayOptions: Partial<GatewayOptions> = {},
): Promise<{ maker: UnlockedVault; bob: { vault: UnlockedVault; key: SoftwareKey }; carol: { vault: UnlockedVault; key: SoftwareKey } }> {
  await demoBankWithCode(store, 'erin');
  const gateway = await startTestGateway(store, gatewayOptions);
  const maker = lockAfterTest((await enrolFreshVault(gateway.url, await anotherCode(store, 'alice'))).vault);
  const bob = await approverWithKey(gateway.url, store, 'bob');
  const carol = await approverWithKey(gateway.url, store, 'carol');
  return { maker, bob, carol };
}

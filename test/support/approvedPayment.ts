/**
 * An enrolled maker's vault holding a payment approved with a hardware key the bank knows: Alice enrols, Bob
 * enrols a device of his own with a software authenticator (the bank then vouches for his key in the policy),
 * Alice's first sync installs that policy, she makes a payment of 120.00 EUR and Bob's approval arrives.
 */
import { expect } from 'vitest';
import { dispatch, openSession } from '../../src/app/index.js';
import { enrolmentRegistrationChallenge } from '../../src/domain/index.js';
import type { GatewayStore } from '../../src/server/index.js';
import type { UnlockedVault } from '../../src/vault/index.js';
import { anotherCode, approvalArrives, enrolFreshVault } from './enrolledVault.js';
import { enrolmentWithKeys } from './paymentGateway.js';
import { registerKey, softwareKey, type SoftwareKey } from './softwareAuthenticator.js';

export const DEMO_EUR_ACCOUNT = 'DE89370400440532013000';

/** Bob enrols a device of his own with a hardware key, which the bank then vouches for in the policy. */
export async function bobsKey(store: GatewayStore, gatewayUrl: string): Promise<SoftwareKey> {
  const key = softwareKey();
  const { answer } = await enrolmentWithKeys(gatewayUrl, await anotherCode(store, 'bob'), (device) => [registerKey(key, enrolmentRegistrationChallenge(device.publicKey))]);
  expect(answer.status).toBe(201);
  return key;
}

/** Alice's enrolled vault (put on `open` to be locked after the test) with one payment Bob approved. */
export async function approvedPayment(store: GatewayStore, enrolAt: string, gatewayUrl: string, open: UnlockedVault[]): Promise<{ vault: UnlockedVault; id: string }> {
  const { vault } = await enrolFreshVault(enrolAt, await anotherCode(store, 'alice'));
  open.push(vault);
  const bob = await bobsKey(store, gatewayUrl);
  // The policy with Bob's key, issued after Alice enrolled, arrives with her first sync.
  expect(await dispatch(await openSession(vault), 'bank.sync', {})).toMatchObject({ ok: true, value: { policy: { installed: true } } });
  const session = await openSession(vault);
  const created = await dispatch(session, 'payments.create', { from: DEMO_EUR_ACCOUNT, toName: 'Boulangerie Éclair SARL', toIban: 'FR1420041010050500013M02606', amount: '120.00', currency: 'EUR', reference: 'Catering' });
  if (!created.ok) throw new Error(created.error.message);
  expect(await dispatch(session, 'payments.submit', { id: created.value.id })).toMatchObject({ ok: true });
  approvalArrives(vault, created.value.id, { userId: 'bob', key: bob, signatureClass: 'E' });
  return { vault, id: created.value.id };
}

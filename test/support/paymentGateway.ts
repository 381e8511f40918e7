/**
 * An organisation at a real gateway whose users enrolled with hardware keys (software ones, see
 * softwareAuthenticator.ts), and the payments its maker submits: orders, approvals by the approvers' keys,
 * signed POST /v1/payments with an Idempotency-Key.
 */
import { EnrolmentResponse, paymentRefusalOf, type PaymentApproval, type PaymentOrder, type RegistrationResponseJson } from '../../src/contract/index.js';
import { generateEd25519KeyPair, randomBytes, type Ed25519KeyPair } from '../../src/crypto/index.js';
import { batchDigest, enrolmentRegistrationChallenge, paymentDigest, PaymentDigestInput } from '../../src/domain/index.js';
import {
  addAccount,
  addUser,
  createActivationCode,
  createOrganisation,
  setApprovalRule,
  type GatewayStore,
} from '../../src/server/index.js';
import { ENROLMENT_KEY_ID, signGatewayRequest } from '../../src/protocol/index.js';
import { encodeJson, send, type GatewayAnswer, type TestDevice } from './gatewayClient.js';
import { assertWithKey, registerKey, softwareKey, type SoftwareKey } from './softwareAuthenticator.js';

export const ORG = 'nordlicht';
export const EUR_ACCOUNT = 'DE89370400440532013000';
export const USD_ACCOUNT = 'DE62370400440532013001';
/** Up to 10,000.00 EUR one E (bob) suffices; above, A (bob) and B (carol); dave is T. */
export const SMALL_EUR_LIMIT_MINOR = 10_000_00;

/** The organisation: maker alice (also an approver, to try approving her own), approvers bob and carol, dave (T). */
export async function paymentOrg(store: GatewayStore, now = Date.now()): Promise<void> {
  await createOrganisation(store, 'sam', { orgId: ORG, name: 'Nordlicht Handels GmbH' }, now);
  await addUser(store, 'sam', { orgId: ORG, userId: 'alice', name: 'Alice Maker', roles: ['maker', 'approver'] }, now);
  await addUser(store, 'sam', { orgId: ORG, userId: 'bob', name: 'Bob Approver', roles: ['approver'] }, now);
  await addUser(store, 'sam', { orgId: ORG, userId: 'carol', name: 'Carol Approver', roles: ['approver'] }, now);
  await addUser(store, 'sam', { orgId: ORG, userId: 'dave', name: 'Dave Transport', roles: ['approver'] }, now);
  await addAccount(store, 'sam', { orgId: ORG, iban: EUR_ACCOUNT, currency: 'EUR', name: 'Operating EUR', bic: 'COBADEFFXXX' }, now);
  await addAccount(store, 'sam', { orgId: ORG, iban: USD_ACCOUNT, currency: 'USD', name: 'USD account', bic: 'COBADEFFXXX' }, now);
  await setApprovalRule(store, 'sam', { orgId: ORG, account: EUR_ACCOUNT, currency: 'EUR', minAmountMinor: 0, maxAmountMinor: SMALL_EUR_LIMIT_MINOR, approvers: [{ userId: 'bob', signatureClass: 'E' }, { userId: 'alice', signatureClass: 'E' }, { userId: 'dave', signatureClass: 'T' }] }, now);
  await setApprovalRule(store, 'sam', { orgId: ORG, account: EUR_ACCOUNT, currency: 'EUR', minAmountMinor: SMALL_EUR_LIMIT_MINOR + 1, approvers: [{ userId: 'bob', signatureClass: 'A' }, { userId: 'carol', signatureClass: 'B' }, { userId: 'dave', signatureClass: 'T' }] }, now);
  await setApprovalRule(store, 'sam', { orgId: ORG, account: '*', minAmountMinor: 0, approvers: [{ userId: 'bob', signatureClass: 'A' }, { userId: 'carol', signatureClass: 'B' }] }, now);
}

export interface EnrolledUser extends TestDevice {
  userId: string;
  keys: SoftwareKey[];
  /** The first of `keys`. */
  hardwareKey: SoftwareKey;
}

/** The enrolment request with the user's registrations over the challenge bound to the device key. */
export async function enrolmentWithKeys(gatewayUrl: string, code: string, registrations: (deviceKey: Ed25519KeyPair) => RegistrationResponseJson[], deviceKey = generateEd25519KeyPair()) {
  const credentials = registrations(deviceKey);
  const body = encodeJson({ activationCode: code, devicePublicKey: deviceKey.publicKey.toString('base64url'), vaultId: `vault-${randomBytes(4).toString('hex')}`, credentials });
  const url = `${gatewayUrl}/v1/enrolments`;
  const headers = await signGatewayRequest({ method: 'POST', url, body, keyId: ENROLMENT_KEY_ID, seed: deviceKey.seed });
  return { answer: await send(url, 'POST', { ...headers, 'content-type': 'application/json' }, body), deviceKey };
}

/** A device enrolled for `userId` with `keys` registered (a fresh key when none given). */
export async function enrolUser(store: GatewayStore, gatewayUrl: string, userId: string, keys: [SoftwareKey, ...SoftwareKey[]] = [softwareKey()]): Promise<EnrolledUser> {
  const { code } = await createActivationCode(store, 'sam', { orgId: ORG, userId });
  const { answer, deviceKey } = await enrolmentWithKeys(gatewayUrl, code, (device) => keys.map((key) => registerKey(key, enrolmentRegistrationChallenge(device.publicKey))));
  if (answer.status !== 201) throw new Error(`expected enrolment of ${userId}, got ${answer.status} ${JSON.stringify(answer.body)}`);
  const enrolment = EnrolmentResponse.parse(answer.body);
  return { userId, keys, hardwareKey: keys[0], key: deviceKey, deviceId: enrolment.deviceId, enrolment };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A EUR order by alice from the operating account, executed in two days, valid for 30. */
export function order(overrides: Partial<PaymentOrder> = {}, now = Date.now()): PaymentOrder {
  return {
    id: `pay-${randomBytes(8).toString('hex')}`,
    debtorIban: EUR_ACCOUNT,
    creditor: { name: 'Boulangerie Éclair SARL', iban: 'FR1420041010050500013M02606', bic: 'BNPAFRPP' },
    amountMinor: 2300_00,
    currency: 'EUR',
    remittanceInfo: 'Catering Q2',
    executionDate: new Date(now + 2 * DAY_MS).toISOString().slice(0, 10),
    expiresAt: new Date(now + 32 * DAY_MS).toISOString(),
    createdBy: 'alice',
    ...overrides,
  };
}

/** The digest an approver signs (docs/signing.md), by the domain's own function. */
export function digestOf(payment: PaymentOrder): Buffer {
  return paymentDigest(PaymentDigestInput.parse(payment));
}

/** An approval by `key` of `payment` as it is now. */
export function approve(key: SoftwareKey, payment: PaymentOrder, options: Parameters<typeof assertWithKey>[2] = {}): PaymentApproval {
  return { credentialId: key.id, assertion: assertWithKey(key, digestOf(payment), options) };
}

/**
 * One approval by `key` of every payment of `batch` (`payments.approve-batch`): one assertion over the batch
 * digest, and the approval each payment of the batch carries (the same assertion and the batch's digests).
 */
export function approveBatch(key: SoftwareKey, batch: readonly PaymentOrder[], options: Parameters<typeof assertWithKey>[2] = {}): PaymentApproval {
  const digests = batch.map((payment) => digestOf(payment));
  return { credentialId: key.id, assertion: assertWithKey(key, batchDigest(digests), options), batch: { digests: digests.map((digest) => digest.toString('hex')) } };
}

export const newIdempotencyKey = () => randomBytes(18).toString('base64url');

/**
 * POST /v1/payments signed by the device, with an Idempotency-Key (fresh unless given). Every refusal any test
 * provokes must carry a code the app can show (PAYMENT_REFUSALS), or the test fails here.
 */
export async function submitPayment(gatewayUrl: string, device: Pick<TestDevice, 'deviceId' | 'key'>, submission: { payment: PaymentOrder; approvals: PaymentApproval[] }, idempotencyKey = newIdempotencyKey()): Promise<GatewayAnswer> {
  const url = `${gatewayUrl}/v1/payments`;
  const body = encodeJson(submission);
  const headers = await signGatewayRequest({ method: 'POST', url, body, keyId: device.deviceId, seed: device.key.seed });
  const answer = await send(url, 'POST', { ...headers, 'content-type': 'application/json', 'idempotency-key': idempotencyKey }, body);
  if (answer.code !== undefined && paymentRefusalOf(answer.code) === undefined) {
    throw new Error(`POST /v1/payments refused with ${answer.code}, which PAYMENT_REFUSALS does not list: the app could not tell its user what happened`);
  }
  return answer;
}

/** alice (maker), bob, carol and dave enrolled at the gateway with one key each. */
export async function enrolledOrg(store: GatewayStore, gatewayUrl: string): Promise<Record<'alice' | 'bob' | 'carol' | 'dave', EnrolledUser>> {
  await paymentOrg(store);
  return {
    alice: await enrolUser(store, gatewayUrl, 'alice'),
    bob: await enrolUser(store, gatewayUrl, 'bob'),
    carol: await enrolUser(store, gatewayUrl, 'carol'),
    dave: await enrolUser(store, gatewayUrl, 'dave'),
  };
}

/** The gateway's `payment.refuse` audit entries: the payment id and the code each refusal was answered with. */
export async function refusalsAudited(store: GatewayStore): Promise<{ paymentId: unknown; code: unknown }[]> {
  const rows = await store.db.selectFrom('gateway_audit').select('details').where('action', '=', 'payment.refuse').orderBy('seq').execute();
  return rows.map((row) => {
    const details = JSON.parse(row.details) as { paymentId?: unknown; code?: unknown };
    return { paymentId: details.paymentId, code: details.code };
  });
}

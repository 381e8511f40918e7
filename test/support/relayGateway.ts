/**
 * Approvals between vaults at a real gateway, as the app's side will send them: a maker's device shares a
 * pending payment with its Ed25519 signature over the PendingPaymentStatement, approvers' devices pull the
 * feed and relay their approvals, and a device registers a hardware key after its enrolment. The statement's
 * bytes are built here from the contract, not with the gateway's own function, so the two cannot drift apart.
 */
import { BankKeyText, canonicalJson, PENDING_PAYMENT_SIGNATURE_TAG, PendingPaymentFeedResponse, type PaymentApproval, type PaymentOrder } from '../../src/contract/index.js';
import { ed25519Sign, randomBytes } from '../../src/crypto/index.js';
import { deviceRegistrationChallenge } from '../../src/domain/index.js';
import { signGatewayRequest } from '../../src/protocol/index.js';
import { encodeJson, send, signedGet, type GatewayAnswer, type TestDevice } from './gatewayClient.js';
import { digestOf } from './paymentGateway.js';
import { registerKey, type SoftwareKey } from './softwareAuthenticator.js';

type Device = Pick<TestDevice, 'deviceId' | 'key'>;

/** A POST with a JSON body signed by the device. */
export async function signedPost(gatewayUrl: string, path: string, device: Device, value: unknown): Promise<GatewayAnswer> {
  const url = `${gatewayUrl}${path}`;
  const body = encodeJson(value);
  const headers = await signGatewayRequest({ method: 'POST', url, body, keyId: device.deviceId, seed: device.key.seed });
  return send(url, 'POST', { ...headers, 'content-type': 'application/json' }, body);
}

/** The bytes a maker's device signs: canonical JSON of {tag, orgId, paymentId, digest, status, sequence}. */
export function pendingStatement(orgId: string, payment: PaymentOrder, status: 'pending' | 'withdrawn', sequence: number): Buffer {
  return Buffer.from(canonicalJson({ tag: PENDING_PAYMENT_SIGNATURE_TAG, orgId, paymentId: payment.id, digest: digestOf(payment).toString('hex'), status, sequence }), 'utf8');
}

/** The maker's signature over the payment as it is now (by `seed`, the sending device's key unless another is given). */
export function makerSignature(seed: Uint8Array, orgId: string, payment: PaymentOrder, status: 'pending' | 'withdrawn', sequence: number): string {
  return ed25519Sign(seed, pendingStatement(orgId, payment, status, sequence)).toString('base64url');
}

/** The last sequence each device signed per payment: as the maker's vault does, every share signs the next one. */
const lastSequence = new Map<string, number>();

/**
 * POST /v1/pending-payments by `device`, signed at the payment's next sequence unless `sequence` is given (a
 * retry, or a replay); `signWith` signs the statement with another key and `signature` replaces it (attacks).
 */
export async function sharePayment(
  gatewayUrl: string,
  device: Device & { enrolment: TestDevice['enrolment'] },
  payment: PaymentOrder,
  options: { status?: 'pending' | 'withdrawn'; sequence?: number; signWith?: Uint8Array; signature?: string } = {},
): Promise<GatewayAnswer> {
  const status = options.status ?? 'pending';
  const key = `${device.deviceId}/${payment.id}`;
  const sequence = options.sequence ?? (lastSequence.get(key) ?? 0) + 1;
  lastSequence.set(key, Math.max(sequence, lastSequence.get(key) ?? 0));
  const signature = options.signature ?? makerSignature(options.signWith ?? device.key.seed, device.enrolment.orgId, payment, status, sequence);
  return signedPost(gatewayUrl, '/v1/pending-payments', device, { payment, status, sequence, makerSignature: signature });
}

/** POST /v1/approvals by `device` of `payment` at `digest` (its current one unless given). */
export async function relayApproval(gatewayUrl: string, device: Device, payment: PaymentOrder, approval: PaymentApproval, digest = digestOf(payment).toString('hex')): Promise<GatewayAnswer> {
  return signedPost(gatewayUrl, '/v1/approvals', device, { paymentId: payment.id, digest, approval });
}

/** GET /v1/pending-payments after the cursor, parsed with the contract's schema. */
export async function pullPending(gatewayUrl: string, device: Device, after = 0): Promise<PendingPaymentFeedResponse> {
  const answer = await signedGet(gatewayUrl, `/v1/pending-payments?after=${after}`, device);
  if (answer.status !== 200) throw new Error(`expected a page of pending payments, got ${answer.status} ${JSON.stringify(answer.body)}`);
  return PendingPaymentFeedResponse.parse(answer.body);
}

/** The registration a vault makes after enrolment: its challenge bound to `boundTo`'s device key and a fresh salt. */
export function deviceRegistration(key: SoftwareKey, boundTo: Pick<TestDevice, 'key'>) {
  const salt = randomBytes(32);
  return { credential: registerKey(key, deviceRegistrationChallenge(boundTo.key.publicKey, salt)), salt: salt.toString('base64url') };
}

/** POST /v1/credentials by `device` of `key`, registered for `device` itself unless for another. */
export async function registerCredential(gatewayUrl: string, device: Device, key: SoftwareKey, boundTo: Pick<TestDevice, 'key'> = device): Promise<GatewayAnswer> {
  return signedPost(gatewayUrl, '/v1/credentials', device, deviceRegistration(key, boundTo));
}

/** The bank key a device received at enrolment, as verifyDeviceCertificate takes it. */
export function enrolledBankKey(device: TestDevice) {
  const bankKey = BankKeyText.parse(device.enrolment.bankKey);
  return { alg: bankKey.alg, publicKey: Buffer.from(bankKey.publicKey, 'base64url') };
}

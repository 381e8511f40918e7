import { CofferError, describeZodIssue, type PaymentAnswer, type PaymentOrder, type PaymentSubmission } from '../../contract/index.js';
import { ensureNotExpired, paymentDigest, PaymentDigestInput } from '../../domain/index.js';
import type { Kysely } from 'kysely';
import { approvalStatus, type ApprovalStatus } from '../../policy/index.js';
import { loadBankKey } from '../bank/bankKey.js';
import { rfc3339 } from '../bank/rfc3339.js';
import type { RelyingParty } from '../credentials/relyingParty.js';
import { isUniqueViolation } from '../store/constraintViolation.js';
import type { GatewayStore } from '../store/openStore.js';
import type { DeviceTable, GatewayDatabase, PaymentRow } from '../store/storeSchema.js';
import { approvalChallenge } from './approvalChallenge.js';
import { checkEmittable } from './checkEmittable.js';
import { countApprovals } from './countApprovals.js';
import { acceptedPaymentRow, insertAcceptedPayment, reportAcceptance, type AcceptedPayment, type RecordedApproval } from './recordAcceptance.js';
import { idempotentAnswer, storeIdempotentAnswer, type StoredAnswer } from './idempotentAnswer.js';
import { signedPolicyOf } from './signedPolicyOf.js';
import { verifyApproval, type VerifiedApproval } from './verifyApproval.js';

export interface AcceptPaymentOpts {
  device: DeviceTable;
  submission: PaymentSubmission;
  idempotencyKey: string;
  /** idempotencyRequestHash of the request as received. */
  requestHash: string;
  now: number;
  rp: RelyingParty;
}

/** 201 accepted now; 409 accepted before (the stored answer); either again for a retried Idempotency-Key. */
export type PaymentOutcome = StoredAnswer<PaymentAnswer>;

export function answerOf(row: Pick<PaymentRow, 'org_id' | 'payment_id' | 'digest' | 'accepted_at' | 'approvals'>): PaymentAnswer {
  const approvals = JSON.parse(row.approvals) as { userId: string }[];
  return { paymentId: row.payment_id, orgId: row.org_id, digest: row.digest, status: 'accepted', acceptedAt: rfc3339(row.accepted_at), approvedBy: approvals.map((approval) => approval.userId) };
}

export async function storedPayment(store: GatewayStore, orgId: string, paymentId: string): Promise<PaymentRow | undefined> {
  return store.db.selectFrom('payments').selectAll().where('org_id', '=', orgId).where('payment_id', '=', paymentId).executeTakeFirst();
}

// Ensure a payment id means one order: the same digest is a duplicate (the stored answer), another is refused.
function duplicateOf(row: PaymentRow, digest: string): PaymentOutcome {
  if (row.digest !== digest) {
    throw new CofferError('SERVER_PAYMENT_ID_CONFLICT', `expected a new payment id or the order accepted under ${row.payment_id}, found another order under that id`);
  }
  return { status: 409, body: answerOf(row) };
}

/**
 * The answer to a request that finds its payment accepted: the stored answer when this very request (its
 * Idempotency-Key) was the one accepted — it committed between this request's first look at its key and its
 * look at the payment, as a retry racing its original does — else the duplicate's 409. The acceptance stores
 * the payment and the key's answer in one transaction, so once the payment is seen the key's answer is too.
 */
async function duplicateAnswer(store: GatewayStore, opts: AcceptPaymentOpts, row: PaymentRow, digest: string): Promise<PaymentOutcome> {
  return (await idempotentAnswer<PaymentAnswer>(store.db, opts.device.id, opts.idempotencyKey, opts.requestHash)) ?? duplicateOf(row, digest);
}

/** The digest re-derived by the domain's own function from the order as received (docs/signing.md). */
export function digestOf(order: PaymentOrder): Buffer {
  const parsed = PaymentDigestInput.safeParse(order);
  if (!parsed.success) {
    const issue = describeZodIssue(parsed.error);
    throw new CofferError('DOMAIN_BAD_PAYMENT', `expected a valid payment, found a bad ${issue.path || 'value'}: ${issue.message}`);
  }
  return paymentDigest(parsed.data);
}

/** Ensure an order reaches the gateway from its maker's own device: the maker is not bound by the digest. */
export function ensureMadeByDevice(order: PaymentOrder, device: DeviceTable): void {
  if (order.createdBy !== device.user_id) throw new CofferError('SERVER_NOT_MAKER', `expected a payment made by ${device.user_id}, the device's user, found one made by ${order.createdBy}`);
}

/** Ensure the four-eyes principle: the maker's own approval is refused, not merely left uncounted. */
export function ensureNotMaker(approval: Pick<VerifiedApproval, 'userId'>, order: PaymentOrder): void {
  if (approval.userId === order.createdBy) throw new CofferError('SERVER_MAKER_APPROVED', `expected approvals by others than the maker, found one by ${approval.userId}, who made the payment`);
}

/** The organisation's rule over these approvals of the order, by its newest signed policy (what approvers saw). */
export async function ruleStatus(db: Kysely<GatewayDatabase>, orgId: string, order: PaymentOrder, approvals: readonly { userId: string }[]): Promise<ApprovalStatus> {
  const policy = await signedPolicyOf(db, orgId);
  return approvalStatus({
    payment: { id: order.id, account: order.debtorIban, currency: order.currency, amountMinor: order.amountMinor, createdBy: order.createdBy },
    approvals,
    rules: policy.approvalRules,
    users: policy.users,
  });
}

/** An order the bank can pay now: unexpired, from an account the organisation holds, writable as pain.001. */
export async function checkOrderPayable(store: GatewayStore, orgId: string, order: PaymentOrder, now: number): Promise<void> {
  ensureNotExpired(order, new Date(now));
  const account = await store.db.selectFrom('accounts').select(['iban', 'org_id']).where('iban', '=', order.debtorIban).executeTakeFirst();
  if (!account || account.org_id !== orgId) throw new CofferError('SERVER_UNKNOWN_ACCOUNT', `expected a debtor account ${orgId} holds at the bank, found another`);
  checkEmittable(order, now);
}

async function verifyApprovals(store: GatewayStore, opts: AcceptPaymentOpts, digest: Buffer): Promise<VerifiedApproval[]> {
  const { submission, device } = opts;
  const ids = submission.approvals.map((approval) => approval.credentialId);
  if (new Set(ids).size !== ids.length) throw new CofferError('SERVER_BAD_REQUEST', 'expected each credential once among the approvals, found one twice');
  const verified: VerifiedApproval[] = [];
  for (const approval of submission.approvals) {
    const { challenge, batch } = approvalChallenge(approval, digest);
    const checked = await verifyApproval(store.db, { orgId: device.org_id, approval, challenge, ...(batch ? { batch } : {}), rp: opts.rp });
    ensureNotMaker(checked, submission.payment);
    verified.push(checked);
  }
  return verified;
}

/**
 * POST /v1/payments, as a list of steps: a retried Idempotency-Key gets its stored answer; the maker is the
 * submitting device's user; the digest is re-derived with the domain's own function; a payment id accepted
 * before is a duplicate; the order is unexpired, from an account the organisation holds, and writable as
 * pain.001; every approval verifies against a credential the bank registered, over this payment's digest or
 * the batch digest of a batch this payment is in; the organisation's rule is met. Then one transaction: the
 * payment row (its primary key decides between racing duplicates in any number of processes), each
 * credential's counter raised only if still below (a batch assertion's once for its whole batch), the
 * idempotent answer, the audit entry.
 */
export async function acceptPayment(store: GatewayStore, opts: AcceptPaymentOpts): Promise<PaymentOutcome> {
  const { device, submission, now } = opts;
  const retried = await idempotentAnswer<PaymentAnswer>(store.db, device.id, opts.idempotencyKey, opts.requestHash);
  if (retried) return retried;
  const order = submission.payment;
  ensureMadeByDevice(order, device);
  const digest = digestOf(order);
  const digestHex = digest.toString('hex');
  const earlier = await storedPayment(store, device.org_id, order.id);
  if (earlier) return duplicateAnswer(store, opts, earlier, digestHex);
  const shared = await store.db.selectFrom('pending_payments').select('maker').where('org_id', '=', device.org_id).where('payment_id', '=', order.id).executeTakeFirst();
  // Ensure a payment id another maker shared for approval is not taken over by a submission.
  if (shared && shared.maker !== order.createdBy) throw new CofferError('SERVER_PAYMENT_ID_CONFLICT', `expected a new payment id or one ${order.createdBy} shared, found ${order.id} shared by another maker`);
  await checkOrderPayable(store, device.org_id, order, now);
  let approvals: VerifiedApproval[];
  try {
    approvals = await verifyApprovals(store, opts, digest);
  } catch (error) {
    // A duplicate that read no payment above may find the counter already raised by its twin's acceptance.
    const twin = error instanceof CofferError && error.code === 'SERVER_CREDENTIAL_CLONED' ? await storedPayment(store, device.org_id, order.id) : undefined;
    if (twin) return duplicateAnswer(store, opts, twin, digestHex);
    throw error;
  }
  const status = await ruleStatus(store.db, device.org_id, order, approvals);
  if (!status.executable) throw new CofferError(status.reason, status.message);
  const counted = new Set(status.counted.map((approval) => approval.userId));
  const recorded: RecordedApproval[] = approvals.map(({ userId, credentialId, signCount, assertion, batch }) => ({ userId, credentialId, signCount, counted: counted.has(userId), assertion, ...(batch ? { batchDigest: batch.digest } : {}) }));
  const accepted: AcceptedPayment = { orgId: device.org_id, order, digest: digestHex, approvals: recorded, makerDeviceId: device.id, now };
  const row = acceptedPaymentRow(accepted);
  const bankKey = await loadBankKey(store.db, now);
  const answer: PaymentOutcome = { status: 201, body: answerOf(row) };
  try {
    return await store.db.transaction().execute(async function acceptInTransaction(trx) {
      await insertAcceptedPayment(trx, row);
      const raised = await countApprovals(trx, approvals, { orgId: device.org_id, paymentId: order.id, now });
      await storeIdempotentAnswer(trx, device.id, opts.idempotencyKey, opts.requestHash, answer, now);
      await reportAcceptance(trx, store.dialect, bankKey.signingKey, accepted, { actor: `device:${device.id}`, raised, relayed: false });
      return answer;
    });
  } catch (error) {
    if (!isUniqueViolation(error, 'payments')) {
      if (isUniqueViolation(error, 'idempotency_keys')) throw new CofferError('SERVER_IDEMPOTENCY_KEY_REUSED', 'expected a new Idempotency-Key for a new request, found one this device used for another request', { cause: error });
      throw error;
    }
    // Lost the race to an identical request: a retry of this very request gets the winner's answer.
    const winner = await idempotentAnswer<PaymentAnswer>(store.db, device.id, opts.idempotencyKey, opts.requestHash);
    if (winner) return winner;
    const stored = await storedPayment(store, device.org_id, order.id);
    if (!stored) throw error;
    return duplicateOf(stored, digestHex);
  }
}

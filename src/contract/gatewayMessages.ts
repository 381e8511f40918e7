import { z } from 'zod';
import { AuthenticationResponseJson, RegistrationResponseJson } from './webauthnJson.js';

/*
 * The bank gateway's HTTP messages (`coffer server`). The gateway validates every body with these schemas,
 * its OpenAPI document is generated from them, and the app's client parses the answers with the same ones.
 */

/** An Ed25519 public key: 32 bytes, base64url without padding (RFC 4648 §5). */
export const Ed25519PublicKeyText = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'expected 32 bytes as unpadded base64url');

/** A one-time activation code as bank staff hand it out: five groups of four from Crockford's base32. */
export const ActivationCodeText = z
  .string()
  .regex(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/, 'expected an activation code like ABCD-EFGH-JKMN-PQRS-TVWX');

const Id = z.string().min(1).max(128);

/** The most hardware keys one enrolment registers (the policy carries at most 32 per user). */
export const MAX_ENROLMENT_CREDENTIALS = 8;

/**
 * POST /v1/enrolments: a device asks to be enrolled for the user the activation code was made for, with the
 * user's WebAuthn registrations (their challenge is `enrolmentRegistrationChallenge(devicePublicKey)`), which
 * the bank then vouches for in the organisation policy.
 */
export const EnrolmentRequest = z.strictObject({
  activationCode: ActivationCodeText,
  devicePublicKey: Ed25519PublicKeyText,
  vaultId: Id,
  credentials: z.array(RegistrationResponseJson).max(MAX_ENROLMENT_CREDENTIALS).optional(),
});
export type EnrolmentRequest = z.infer<typeof EnrolmentRequest>;

/** The bank's public key, so the app can check the certificate and the policy it was handed. */
export const BankKeyText = z.strictObject({
  alg: z.enum(['EdDSA', 'ES256']),
  publicKey: z.string().regex(/^[A-Za-z0-9_-]+$/, 'expected unpadded base64url'),
});
export type BankKeyText = z.infer<typeof BankKeyText>;

export const EnrolmentResponse = z.strictObject({
  deviceId: Id,
  orgId: Id,
  userId: Id,
  /** Compact JWS by the bank key, `typ` coffer-device-cert+jws, payload a DeviceCertificate. */
  deviceCertificate: z.string().min(1),
  /** Compact JWS by the bank key, `typ` coffer-org-policy+jws: the organisation policy as of enrolment. */
  policy: z.string().min(1),
  bankKey: BankKeyText,
});
export type EnrolmentResponse = z.infer<typeof EnrolmentResponse>;

/** What the bank certifies at enrolment: this key is this device, of this vault, of this user. */
export const DeviceCertificate = z.strictObject({
  deviceId: Id,
  orgId: Id,
  userId: Id,
  vaultId: Id,
  devicePublicKey: Ed25519PublicKeyText,
  issuedAt: z.iso.datetime(),
});
export type DeviceCertificate = z.infer<typeof DeviceCertificate>;

/** GET /v1/policy: the organisation's current signed policy. */
export const PolicyResponse = z.strictObject({ policy: z.string().min(1), version: z.number().int().positive() });
export type PolicyResponse = z.infer<typeof PolicyResponse>;

/**
 * An account's booked balance where its statement feed begins (camt.053 OPBD): at the start of `asOf`, before the
 * feed's first line. Opening plus the feed's lines is the account's booked balance at every point of the feed.
 */
export const OpeningBalance = z.strictObject({
  amountMinor: z.number().int(),
  currency: z.string().length(3),
  asOf: z.iso.date(),
});
export type OpeningBalance = z.infer<typeof OpeningBalance>;

/** One account the organisation holds at the bank, as GET /v1/accounts lists it. */
export const BankAccount = z.strictObject({
  iban: z.string().min(1).max(34),
  name: z.string().min(1).max(200),
  currency: z.string().length(3),
  bic: z.string().min(8).max(11).nullable(),
  openingBalance: OpeningBalance,
});
export type BankAccount = z.infer<typeof BankAccount>;

/** GET /v1/accounts: the accounts of the signing device's organisation, by IBAN. */
export const AccountsResponse = z.strictObject({ accounts: z.array(BankAccount) });
export type AccountsResponse = z.infer<typeof AccountsResponse>;

/** GET /v1/device: the signing device as the gateway knows it. */
export const DeviceResponse = z.strictObject({ deviceId: Id, orgId: Id, userId: Id, vaultId: Id });
export type DeviceResponse = z.infer<typeof DeviceResponse>;

/**
 * The order as submitted: the inputs of the payment digest (docs/signing.md) and its maker. Only the shape is
 * checked here; the gateway checks the values with the domain's own rules when it re-derives the digest.
 */
export const PaymentOrder = z.strictObject({
  id: z.string().min(1).max(35),
  debtorIban: z.string().min(1).max(34),
  creditor: z.strictObject({ name: z.string().min(1).max(70), iban: z.string().min(1).max(34), bic: z.string().min(8).max(11).optional() }),
  amountMinor: z.number().int().positive(),
  currency: z.string().length(3),
  remittanceInfo: z.string().max(140),
  executionDate: z.string().max(10),
  expiresAt: z.string().max(24),
  createdBy: Id,
});
export type PaymentOrder = z.infer<typeof PaymentOrder>;

/** A SHA-256 payment digest as 64 lower-case hex digits (docs/signing.md). */
export const PaymentDigestHex = z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 digest as 64 lower-case hex digits');

/** The most payments one batch approval covers: MAX_BATCH_SIZE of src/domain/payment/batchDigest.ts. */
export const MAX_APPROVAL_BATCH = 10_000;

/**
 * The batch an approval was given in (`payments.approve-batch`): the payment digests of every payment of the
 * batch, in any order. The assertion's challenge is then `batchDigest` of this list (tag
 * `coffer/payment-batch/v1`), and the payment's own digest must be one of them.
 */
export const ApprovalBatch = z.strictObject({
  digests: z.array(PaymentDigestHex).min(1).max(MAX_APPROVAL_BATCH),
});
export type ApprovalBatch = z.infer<typeof ApprovalBatch>;

/**
 * One approval: a WebAuthn assertion by a credential the bank registered, whose challenge is the payment
 * digest, or, with `batch`, the batch digest of the batch it was given in.
 */
export const PaymentApproval = z.strictObject({
  credentialId: z.string().min(1).max(1366).regex(/^[A-Za-z0-9_-]+$/, 'expected base64url'),
  assertion: AuthenticationResponseJson,
  batch: ApprovalBatch.optional(),
});
export type PaymentApproval = z.infer<typeof PaymentApproval>;

/**
 * One approval the gateway verified and relayed between vaults, passed on to the other vaults of the
 * organisation: `digest` and `approval` exactly as the approver's device sent them (ApprovalSubmission), and the
 * user the gateway attributes it to. Nothing of it is signed by the bank: a receiving vault counts it only when
 * the assertion verifies with that user's key in the bank-signed policy over the payment as that vault holds it.
 */
export const RelayedApproval = z.strictObject({
  userId: Id,
  digest: PaymentDigestHex,
  approval: PaymentApproval,
});
export type RelayedApproval = z.infer<typeof RelayedApproval>;

/** One approval per user and share at the gateway; the bound keeps a page's size in check. */
export const MAX_RELAYED_APPROVALS = 64;
export const RelayedApprovals = z.array(RelayedApproval).min(1).max(MAX_RELAYED_APPROVALS);

/** POST /v1/payments (with an `Idempotency-Key` header): an approved payment, sent for execution. */
export const PaymentSubmission = z.strictObject({
  payment: PaymentOrder,
  approvals: z.array(PaymentApproval).min(1).max(16),
});
export type PaymentSubmission = z.infer<typeof PaymentSubmission>;

/**
 * The gateway's answer: 201 when accepted; 409 with the stored answer when the organisation submitted the same
 * payment (same id, same digest) before; the same status and body again for a retry with the same
 * Idempotency-Key.
 */
export const PaymentAnswer = z.strictObject({
  paymentId: z.string().min(1).max(35),
  orgId: Id,
  /** SHA-256 payment digest, hex. */
  digest: PaymentDigestHex,
  status: z.literal('accepted'),
  acceptedAt: z.iso.datetime(),
  /** The approvers whose signatures counted, in the order the rule counted them. */
  approvedBy: z.array(Id),
});
export type PaymentAnswer = z.infer<typeof PaymentAnswer>;

/** `Idempotency-Key` (draft-ietf-httpapi-idempotency-key-header): 16 to 128 characters of a token. */
export const IdempotencyKeyText = z.string().regex(/^[A-Za-z0-9_.:-]{16,128}$/, 'expected 16 to 128 letters, digits or _.:-');

export const HealthResponse = z.strictObject({ status: z.literal('ok') });
export const ReadyResponse = z.strictObject({ status: z.literal('ready'), store: z.enum(['sqlite', 'postgres']) });

/** Every refusal: a stable code from ERROR_CODES and a one-line message without secrets. */
export const GatewayErrorResponse = z.strictObject({ error: z.strictObject({ code: z.string(), message: z.string() }) });
export type GatewayErrorResponse = z.infer<typeof GatewayErrorResponse>;

/** GET /v1/witness: the name and Ed25519 key (base64) the bank's witness cosigns with (C2SP tlog-cosignature). */
export const WitnessKeyResponse = z.strictObject({ name: z.string().min(1), publicKey: z.string().min(1) });
export type WitnessKeyResponse = z.infer<typeof WitnessKeyResponse>;

/** One booked statement line as the bank sends it, with its place in the account's feed. */
export const StatementSyncEntry = z.strictObject({
  seq: z.number().int().positive(),
  entryRef: z.string(),
  bookingDate: z.string(),
  valueDate: z.string(),
  amountMinor: z.number().int(),
  currency: z.string(),
  counterpartyName: z.string().nullable(),
  counterpartyIban: z.string().nullable(),
  remittance: z.string().nullable(),
});
export type StatementSyncEntry = z.infer<typeof StatementSyncEntry>;

/** GET /v1/statements?account=IBAN&after=SEQ&limit=N: an account's bookings after a cursor, oldest first. */
export const StatementSyncQuery = z.strictObject({
  account: z.string().min(1).max(34),
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
export const StatementSyncResponse = z.strictObject({
  account: z.string(),
  entries: z.array(StatementSyncEntry),
  /** The cursor to resume from: the last entry's seq, or the `after` asked when there was nothing new. */
  next: z.number().int().nonnegative(),
  /** Whether more entries follow `next` already. */
  more: z.boolean(),
  /**
   * The account's booked balance after `next` (camt.053 CLBD), in minor units of its currency: its opening balance
   * plus every line up to `next`, so a device checks that what it holds plus this page's lines comes to it.
   */
  closingBalanceMinor: z.number().int(),
});
export type StatementSyncResponse = z.infer<typeof StatementSyncResponse>;

/**
 * Why the bank rejected an accepted payment: ISO 20022 ExternalStatusReason1Code (the codes a pain.002 carries
 * in StsRsnInf/Rsn/Cd) that fit a credit transfer refused by the debtor's bank, with their ISO names.
 */
export const PAYMENT_REJECTION_REASONS = {
  AC01: 'IncorrectAccountNumber',
  AC03: 'InvalidCreditorAccountNumber',
  AC04: 'ClosedAccountNumber',
  AC06: 'BlockedAccount',
  AG01: 'TransactionForbidden',
  AG03: 'TransactionNotSupported',
  AM02: 'NotAllowedAmount',
  AM04: 'InsufficientFunds',
  AM05: 'Duplication',
  BE05: 'UnrecognisedInitiatingParty',
  DT01: 'InvalidDate',
  FF01: 'InvalidFileFormat',
  FRAD: 'FraudulentOrigin',
  MS03: 'NotSpecifiedReasonAgentGenerated',
  RC01: 'BankIdentifierIncorrect',
  RR04: 'RegulatoryReason',
} as const;
export const PaymentRejectionReason = z.enum(Object.keys(PAYMENT_REJECTION_REASONS) as [keyof typeof PAYMENT_REJECTION_REASONS, ...(keyof typeof PAYMENT_REJECTION_REASONS)[]]);
export type PaymentRejectionReason = z.infer<typeof PaymentRejectionReason>;

/** A payment's status at the bank: accepted by the gateway, then executed or rejected by the bank (final). */
export const GatewayPaymentStatus = z.enum(['accepted', 'executed', 'rejected']);
export type GatewayPaymentStatus = z.infer<typeof GatewayPaymentStatus>;

/**
 * What the bank says of one payment, signed by the bank key as a compact JWS (`typ`
 * coffer-payment-status+jws): the order it speaks of (organisation, id, digest), its status, the reason of a
 * rejection, and when. A vault holds these as the bank's word; it cannot make one itself.
 */
export const PaymentStatusReport = z
  .strictObject({
    orgId: Id,
    paymentId: z.string().min(1).max(35),
    digest: PaymentDigestHex,
    status: GatewayPaymentStatus,
    /** Only for `rejected`, and always for it. */
    reason: PaymentRejectionReason.optional(),
    at: z.iso.datetime(),
  })
  .refine((report) => (report.status === 'rejected') === (report.reason !== undefined), { message: 'expected a reason for a rejection and for nothing else', path: ['reason'] });
export type PaymentStatusReport = z.infer<typeof PaymentStatusReport>;

/** GET /v1/payment-statuses?after=SEQ&limit=N: the organisation's status reports after a cursor, oldest first. */
export const PaymentStatusFeedQuery = z.strictObject({
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
export const PaymentStatusFeedEntry = z.strictObject({
  seq: z.number().int().positive(),
  /** Compact JWS by the bank key, `typ` coffer-payment-status+jws, payload a PaymentStatusReport. */
  report: z.string().min(1),
  /**
   * An `accepted` report of a payment completed by approvals relayed between vaults: those that counted, as their
   * vaults sent them (RelayedApproval). Outside the signed report, so
   * each vault verifies them itself; absent when there are none.
   */
  approvals: RelayedApprovals.optional(),
});
export type PaymentStatusFeedEntry = z.infer<typeof PaymentStatusFeedEntry>;
export const PaymentStatusFeedResponse = z.strictObject({
  statuses: z.array(PaymentStatusFeedEntry),
  /** The cursor to resume from: the last entry's seq, or the `after` asked when there was nothing new. */
  next: z.number().int().nonnegative(),
  /** Whether more entries follow `next` already. */
  more: z.boolean(),
});
export type PaymentStatusFeedResponse = z.infer<typeof PaymentStatusFeedResponse>;

/**
 * Verification of Payee (EU Instant Payments Regulation, Art. 5c; EPC VOP Scheme Rulebook EPC218-23): the
 * outcomes MTCH, CMTC, NMTC and NOAP, as the app and the gateway spell them.
 */
export const PAYEE_CHECK_RESULTS = ['match', 'close-match', 'no-match', 'not-possible'] as const;
export const PayeeCheckResult = z.enum(PAYEE_CHECK_RESULTS);
export type PayeeCheckResult = z.infer<typeof PayeeCheckResult>;

/** The JWS `typ` of a payee check: a policy or a device certificate cannot pass for one, nor it for them. */
export const PAYEE_CHECK_JWS_TYPE = 'coffer-payee-check+jws';

/** POST /v1/payee-checks: does `name` name the holder of `iban`? Shapes only; the gateway checks the values. */
export const PayeeCheckRequest = z.strictObject({
  iban: z.string().min(1).max(42),
  name: z.string().min(1).max(140),
});
export type PayeeCheckRequest = z.infer<typeof PayeeCheckRequest>;

/**
 * What the bank signs: the question as it understood it (IBAN in electronic form, the name as given), the
 * outcome, and on a close match only the name it holds, so the payer can correct the payee.
 */
export const PayeeCheckAnswer = z
  .strictObject({
    checkId: Id,
    iban: z.string().min(1).max(34),
    name: z.string().min(1).max(140),
    result: PayeeCheckResult,
    registeredName: z.string().min(1).max(140).optional(),
    checkedAt: z.iso.datetime(),
  })
  .refine((answer) => (answer.registeredName !== undefined) === (answer.result === 'close-match'), {
    path: ['registeredName'],
    message: 'expected the registered name on a close match and on nothing else',
  });
export type PayeeCheckAnswer = z.infer<typeof PayeeCheckAnswer>;

/** The gateway's reply: the answer as a compact JWS by the bank key, `typ` PAYEE_CHECK_JWS_TYPE, payload a PayeeCheckAnswer. */
export const PayeeCheckResponse = z.strictObject({ answer: z.string().min(1).max(4096) });
export type PayeeCheckResponse = z.infer<typeof PayeeCheckResponse>;

/*
 * Approvals between vaults (issue 13, "the whole story"). One vault is one user: the maker's payment reaches
 * the approvers' vaults through the gateway, and their approvals reach the gateway, which accepts the payment
 * once the organisation's rule is met. The gateway relays; it cannot make a payment the maker never made,
 * because every pending payment carries the maker's own device signature and the bank's certificate of that
 * device, which the approver's vault checks against the pinned bank key before it shows the payment.
 */

/**
 * Domain tag of a maker's signature over a pending payment, so it is no other signature of a device key. v2:
 * the statement carries the maker's `sequence`, so a v1 signature (over other bytes) never verifies.
 */
export const PENDING_PAYMENT_SIGNATURE_TAG = 'coffer/pending-payment/v2';

/** Pending: waiting for approvals; withdrawn: the maker cancelled it; accepted: the gateway accepted it. */
export const PendingPaymentStatus = z.enum(['pending', 'withdrawn', 'accepted']);
export type PendingPaymentStatus = z.infer<typeof PendingPaymentStatus>;

/** An Ed25519 signature: 64 bytes, base64url without padding. */
export const Ed25519SignatureText = z.string().regex(/^[A-Za-z0-9_-]{86}$/, 'expected 64 bytes as unpadded base64url');

/**
 * The maker's freshness counter for one payment: her vault raises it for every share or withdrawal it signs,
 * so whoever holds a statement can tell it from an older one of the same payment, which a gateway could
 * otherwise serve again after she withdrew or edited it. Kept below 2^53 so every store reads it exactly.
 */
export const ShareSequence = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/**
 * What a maker's device signs (Ed25519, device key) for a pending payment: the canonical JSON (RFC 8785) of
 * `{tag: PENDING_PAYMENT_SIGNATURE_TAG, orgId, paymentId, digest, status, sequence}` with `status` pending or
 * withdrawn and `sequence` the maker's counter for this payment.
 */
export const PendingPaymentStatement = z.strictObject({
  tag: z.literal(PENDING_PAYMENT_SIGNATURE_TAG),
  orgId: Id,
  paymentId: z.string().min(1).max(35),
  digest: PaymentDigestHex,
  status: z.enum(['pending', 'withdrawn']),
  sequence: ShareSequence,
});
export type PendingPaymentStatement = z.infer<typeof PendingPaymentStatement>;

/**
 * POST /v1/pending-payments, by the maker's device: a payment waiting for approvals (again after each edit,
 * with its new digest), or withdrawn when the maker cancelled it. `makerSignature` is the device's signature
 * over the PendingPaymentStatement of this order's digest, `status` and `sequence`.
 */
export const PendingPaymentSubmission = z.strictObject({
  payment: PaymentOrder,
  status: z.enum(['pending', 'withdrawn']),
  sequence: ShareSequence,
  makerSignature: Ed25519SignatureText,
});
export type PendingPaymentSubmission = z.infer<typeof PendingPaymentSubmission>;

/** The gateway's answer to a pending payment or an approval: where the payment stands now. */
export const PendingPaymentAnswer = z.strictObject({
  paymentId: z.string().min(1).max(35),
  digest: PaymentDigestHex,
  status: PendingPaymentStatus,
  /** The users whose approvals of this digest the gateway holds (accepted: those that counted). */
  approvedBy: z.array(Id),
});
export type PendingPaymentAnswer = z.infer<typeof PendingPaymentAnswer>;

/** GET /v1/pending-payments?after=SEQ&limit=N: the organisation's pending payments as they changed, oldest first. */
export const PendingPaymentFeedQuery = PaymentStatusFeedQuery;
export const PendingPaymentFeedEntry = z.strictObject({
  seq: z.number().int().positive(),
  payment: PaymentOrder,
  digest: PaymentDigestHex,
  status: z.enum(['pending', 'withdrawn']),
  /** The maker's counter the signature covers: a vault believes no entry older than one it holds. */
  sequence: ShareSequence,
  makerSignature: Ed25519SignatureText,
  /** The maker's device certificate (compact JWS by the bank key): binds the key that made `makerSignature` to the maker. */
  makerCertificate: z.string().min(1),
  /**
   * The approvals relayed under the share this entry states, when it is the payment's current one: each as its
   * approver's device sent it, for every receiving vault to verify against the bank-signed policy. Absent when
   * there are none (so an entry without approvals is what it always was).
   */
  approvals: RelayedApprovals.optional(),
});
export type PendingPaymentFeedEntry = z.infer<typeof PendingPaymentFeedEntry>;
export const PendingPaymentFeedResponse = z.strictObject({
  payments: z.array(PendingPaymentFeedEntry),
  /** The cursor to resume from: the last entry's seq, or the `after` asked when there was nothing new. */
  next: z.number().int().nonnegative(),
  /** Whether more entries follow `next` already. */
  more: z.boolean(),
});
export type PendingPaymentFeedResponse = z.infer<typeof PendingPaymentFeedResponse>;

/**
 * POST /v1/approvals, by an approver's device: its user's approval of a pending payment as it stands at
 * `digest`. The gateway verifies it as it verifies the approvals of a submission, keeps it, and accepts the
 * payment in the same transaction once the approvals it holds meet the rule.
 */
export const ApprovalSubmission = z.strictObject({
  paymentId: z.string().min(1).max(35),
  digest: PaymentDigestHex,
  approval: PaymentApproval,
});
export type ApprovalSubmission = z.infer<typeof ApprovalSubmission>;

/** Domain tag of the challenge of a hardware key registered by an enrolled device after its enrolment. */
export const DEVICE_CREDENTIAL_TAG = 'coffer/device-credential/v1';

/**
 * POST /v1/credentials, by an enrolled device: one WebAuthn registration of its user's new hardware key. Its
 * challenge is `deviceRegistrationChallenge(devicePublicKey, salt)` (src/domain/credential), so a registration
 * is bound to the device that sends it; the bank then vouches for the key in the next policy version.
 */
export const CredentialSubmission = z.strictObject({
  credential: RegistrationResponseJson,
  /** 32 random bytes, base64url: the part of the challenge the device chose. */
  salt: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'expected 32 bytes as unpadded base64url'),
});
export type CredentialSubmission = z.infer<typeof CredentialSubmission>;
export const CredentialAnswer = z.strictObject({ credentialId: z.string().min(1), policyVersion: z.number().int().positive() });
export type CredentialAnswer = z.infer<typeof CredentialAnswer>;

import type { Generated } from 'kysely';

/*
 * The gateway's tables as Kysely sees them. Every column is text or an integer (epoch milliseconds, counts,
 * minor units), so one set of migrations and one set of queries serve SQLite and PostgreSQL alike; binary
 * values (keys, hashes) are stored as base64url text.
 */

export interface BankKeyTable {
  id: string;
  alg: string;
  private_key: string;
  public_key: string;
  created_at: number;
}

export interface OrganisationTable {
  id: string;
  name: string;
  created_at: number;
  /** (migration 0011) JSON array of the authenticator models its users may register; null: any. */
  allowed_aaguids: string | null;
}

export interface OrgUserTable {
  org_id: string;
  user_id: string;
  name: string;
  /** JSON array of roles. */
  roles: string;
  removed_at: number | null;
}

export interface ApprovalRuleTable {
  org_id: string;
  account: string;
  /** '' for "any currency", so the key is never NULL (NULLs never collide in a unique key). */
  currency: string;
  min_amount_minor: number;
  max_amount_minor: number | null;
  /** JSON array of {userId, signatureClass}. */
  approvers: string;
}

export interface AccountTable {
  iban: string;
  org_id: string;
  name: string;
  currency: string;
  bic: string | null;
  created_at: number;
  /** The booked balance where the account's feed begins (camt.053 OPBD), in minor units of `currency` (migration 0009). */
  opening_balance_minor: number;
  /** YYYY-MM-DD: the opening balance is the booked balance at the start of this day. */
  opening_balance_date: string;
}

export interface PolicyTable {
  org_id: string;
  version: number;
  jws: string;
  issued_at: number;
  expires_at: number;
}

export interface GatewayAuditTable {
  seq: number;
  at: number;
  actor: string;
  action: string;
  org_id: string | null;
  /** Canonical JSON of what changed. */
  details: string;
  /** SHA-256 (base64url) over the previous entry's hash and this entry: a chain an edit breaks. */
  hash: string;
}

export interface ActivationCodeTable {
  code_hash: string;
  org_id: string;
  user_id: string;
  created_at: number;
  expires_at: number;
}

export interface DeviceTable {
  id: string;
  org_id: string;
  user_id: string;
  vault_id: string;
  public_key: string;
  /** UNIQUE: an activation code enrols one device, whatever races for it. */
  activation_code_hash: string;
  certificate: string;
  enrolled_at: number;
  revoked_at: number | null;
}

export interface RequestNonceTable {
  device_id: string;
  nonce: string;
  created_at: number;
}

export interface RateLimitTable {
  key: string;
  count: number;
  reset_at: number;
}

export interface StatementEntryTable {
  iban: string;
  entry_ref: string;
  booking_date: string;
  value_date: string;
  amount_minor: number;
  currency: string;
  counterparty_name: string | null;
  counterparty_iban: string | null;
  remittance: string | null;
}

export interface WitnessLogTable {
  device_id: string;
  /** The vault's log, `coffer.vault/<vault id>`: one log per device, one device per log. */
  origin: string;
  size: number;
  /** Root of the last cosigned checkpoint, base64. */
  root_hash: string;
  cosigned_at: number;
}

export interface WitnessAlertTable {
  id: string;
  device_id: string;
  at: number;
  /** `inconsistent` (the proof does not join the two trees), `rolled-back` (smaller than cosigned), `forked` (same size, other root). */
  reason: string;
  known_size: number;
  submitted_size: number;
  /** The signed checkpoint the device presented: evidence, signed by its own key. */
  checkpoint: string;
}

export interface StatementFeedTable {
  /** Generated: the order lines were booked in, the cursor devices sync by. */
  seq: Generated<number>;
  iban: string;
  entry_ref: string;
  /** The account's booked balance after this line: opening plus every line of the account up to it (migration 0009). */
  balance_after_minor: number;
}

/** A user's WebAuthn credential, registered by the gateway at enrolment (migration 0002). */
export interface CredentialTable {
  /** base64url credential id. */
  id: string;
  org_id: string;
  user_id: string;
  /** COSE_Key, base64url. */
  public_key: string;
  /** The highest signature counter seen; raised only by a conditional update. */
  sign_count: number;
  aaguid: string;
  device_id: string;
  created_at: number;
}

export interface PaymentRow {
  org_id: string;
  payment_id: string;
  /** Payment digest, hex. */
  digest: string;
  debtor_iban: string;
  currency: string;
  maker: string;
  order_json: string;
  approvals: string;
  device_id: string;
  accepted_at: number;
  /** The pain.001 file it left in; null until emitted. */
  emission_id: string | null;
  /** `accepted`, then `executed` or `rejected` (migration 0006): set once by bank staff, never changed after. */
  status: string;
  /** The ISO 20022 status reason code of a rejection. */
  status_reason: string | null;
}

/** Every status report the bank signed, in the order written: the cursor devices sync statuses by (migration 0006). */
export interface PaymentStatusFeedTable {
  seq: Generated<number>;
  org_id: string;
  payment_id: string;
  status: string;
  /** Compact JWS by the bank key over the PaymentStatusReport. */
  report: string;
  created_at: number;
}

/**
 * A batch approval the gateway counted (migration 0005): the first payment of its batch that carried it
 * checked its counter and raised it; the other payments of the same list find it here and skip that check.
 */
export interface BatchAssertionTable {
  credential_id: string;
  /** The batch digest the assertion signed, hex. */
  batch_digest: string;
  /** SHA-256 (base64url) of the assertion's authenticator data, client data and signature: this very assertion. */
  assertion_hash: string;
  sign_count: number;
  org_id: string;
  /** JSON array of the batch's payment digests (hex, sorted): the list the batch digest hashes. */
  digests: string;
  /** The payment that first carried it. */
  payment_id: string;
  created_at: number;
}

export interface PaymentEmissionTable {
  message_id: string;
  org_id: string;
  debtor_iban: string;
  currency: string;
  payment_count: number;
  xml: string;
  created_at: number;
}

export interface IdempotencyKeyTable {
  device_id: string;
  key: string;
  request_hash: string;
  status: number;
  /** The JSON answer as first sent. */
  answer: string;
  created_at: number;
}

/** One Verification of Payee check the gateway answered (migration 0007); the payer's name is not kept. */
export interface PayeeCheckTable {
  id: string;
  org_id: string;
  device_id: string;
  /** The IBAN asked about, electronic form. */
  iban: string;
  result: string;
  /** SHA-256 (base64url) of the signed answer as sent. */
  answer_digest: string;
  checked_at: number;
}

/** A payment its maker shared for approval between vaults (migration 0008): one row per id, as it stands now. */
export interface PendingPaymentTable {
  org_id: string;
  payment_id: string;
  /** Payment digest, hex, of the order as it stands now. */
  digest: string;
  /** Canonical JSON of the order as shared. */
  order_json: string;
  maker: string;
  /** The maker's device whose key made `maker_signature`. */
  device_id: string;
  /** Ed25519 (base64url) by that device over the PendingPaymentStatement of `digest` and the shared status. */
  maker_signature: string;
  /** `pending`, `withdrawn` (until the maker shares it as pending again) or `accepted`. */
  status: string;
  /** 1 at the first share, raised by each change of digest or status: relayed approvals count for the current one only. */
  share_version: number;
  /** The maker's sequence `maker_signature` covers (migration 0010; 0 for a row signed before it): a share must be newer. */
  sequence: number;
  updated_at: number;
}

/** Each change of a pending payment, numbered in the order written: the cursor approvers' devices pull by. */
export interface PendingPaymentFeedTable {
  seq: Generated<number>;
  org_id: string;
  payment_id: string;
  digest: string;
  /** `pending` or `withdrawn`: an acceptance reaches devices through the payment status feed. */
  status: string;
  order_json: string;
  maker_signature: string;
  /** The maker's device: its certificate goes with the entry. */
  device_id: string;
  /** The maker's sequence the signature covers (migration 0010; 0, left out of the feed, for an entry signed before it). */
  sequence: number;
  created_at: number;
}

/** An approver's approval relayed by her device (migration 0008): one per (organisation, payment, share version, user). */
export interface RelayedApprovalTable {
  org_id: string;
  payment_id: string;
  digest: string;
  /** The pending row's share_version when it was relayed: it counts only while that share stands. */
  share_version: number;
  user_id: string;
  credential_id: string;
  /** JSON of the WebAuthn assertion as received. */
  assertion: string;
  /** SHA-256 (base64url) of the assertion (assertionHash). */
  assertion_hash: string;
  sign_count: number;
  /** The batch digest (hex) the assertion signed, when it was a batch approval. */
  batch_digest: string | null;
  /** JSON of the batch's payment digests (hex, sorted). */
  batch_digests: string | null;
  device_id: string;
  received_at: number;
}

export interface GatewayDatabase {
  bank_keys: BankKeyTable;
  organisations: OrganisationTable;
  org_users: OrgUserTable;
  approval_rules: ApprovalRuleTable;
  accounts: AccountTable;
  policies: PolicyTable;
  gateway_audit: GatewayAuditTable;
  activation_codes: ActivationCodeTable;
  devices: DeviceTable;
  request_nonces: RequestNonceTable;
  rate_limits: RateLimitTable;
  statement_entries: StatementEntryTable;
  statement_feed: StatementFeedTable;
  witness_logs: WitnessLogTable;
  witness_alerts: WitnessAlertTable;
  credentials: CredentialTable;
  payments: PaymentRow;
  batch_assertions: BatchAssertionTable;
  payment_status_feed: PaymentStatusFeedTable;
  payment_emissions: PaymentEmissionTable;
  idempotency_keys: IdempotencyKeyTable;
  payee_checks: PayeeCheckTable;
  pending_payments: PendingPaymentTable;
  pending_payment_feed: PendingPaymentFeedTable;
  relayed_approvals: RelayedApprovalTable;
}

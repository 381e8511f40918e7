/*
 * The project's one error class and its closed list of codes. Every layer throws `CofferError` with a code
 * from here; callers branch on `code` (never on message text), and the CLI, the desktop and the gateway each
 * map codes to words in one place. `src/crypto/` may import this file and nothing else of ours.
 */

const CRYPTO_CODES = ['CRYPTO_BAD_KEY', 'CRYPTO_BAD_INPUT', 'CRYPTO_AUTH_FAILED'] as const;

const VAULT_CODES = [
  'VAULT_NOT_FOUND',
  'VAULT_EXISTS',
  'VAULT_WRONG_PASSWORD',
  'VAULT_WRONG_RECOVERY_CODE',
  'VAULT_WEAK_PASSWORD',
  'VAULT_BACKOFF',
  'VAULT_KDF_DOWNGRADE',
  'VAULT_KEYS_CORRUPT',
  'VAULT_KEYSLOT_TAMPERED',
  'VAULT_KEYSLOT_REMOVED',
  'VAULT_KEYSLOT_LIST_TAMPERED',
  'VAULT_KEYS_ROLLED_BACK',
  'VAULT_DB_KEY_MISMATCH',
  'VAULT_SCHEMA_TOO_NEW',
  'VAULT_LOCKED',
  'VAULT_BUSY',
  'VAULT_IO',
  'VAULT_UNSAFE_PERMISSIONS',
  'VAULT_DIR_NOT_EMPTY',
  'VAULT_KDF_TOO_EXPENSIVE',
  'VAULT_KEYS_CHANGED',
  /** A hardware key's PRF output does not open its `webauthn-prf` slot (another key, or another credential). */
  'VAULT_WRONG_KEY',
  /** The vault opens only with the password and a hardware key together (a `password-and-key` slot), and one was missing. */
  'VAULT_PASSWORD_AND_KEY_REQUIRED',
  'VAULT_DB_DAMAGED',
  /** The audit log failed verification: the vault takes no more changes until it verifies again. */
  'VAULT_LOG_FAILED',
] as const;

const AUDIT_CODES = [
  /** A computed Merkle root differs from the one claimed (by a checkpoint or a proof's caller). */
  'AUDIT_ROOT_MISMATCH',
  /** A signature from a known key does not verify, or a checkpoint is not signed by the expected key. */
  'AUDIT_BAD_SIGNATURE',
  /** A note carries no signature from any known key. */
  'AUDIT_UNKNOWN_SIGNER',
  /** Two tree heads cannot both be views of one append-only log. */
  'AUDIT_INCONSISTENT',
  /** Entries a checkpoint covers are missing, or entries are not covered by any checkpoint. */
  'AUDIT_TRUNCATED',
  /** A proof, or an argument given with it, is malformed (length, sizes, index, hash length). */
  'AUDIT_BAD_PROOF',
  /** A signed note breaks the C2SP signed-note syntax. */
  'AUDIT_BAD_NOTE',
  /** A checkpoint body breaks the C2SP tlog-checkpoint syntax, or names another log. */
  'AUDIT_BAD_CHECKPOINT',
  /** A verifier or signer key string is malformed or its key id does not match. */
  'AUDIT_BAD_KEY',
  /** A bundle does not match the coffer-audit-bundle/v1 schema. */
  'AUDIT_BAD_BUNDLE',
  /** Entry bytes are not a canonical JSON audit entry, or its `seq` is not its position. */
  'AUDIT_BAD_ENTRY',
  /** Entries are not numbered 0..n-1 in order. */
  'AUDIT_OUT_OF_ORDER',
  /** A tree hash given to the node store or the tree functions is not 32 bytes. */
  'AUDIT_BAD_HASH',
  /** The node store lacks a node the tree of the asked size must have. */
  'AUDIT_MISSING_NODE',
  /** An index or tree size asked of the node store is outside the tree. */
  'AUDIT_OUT_OF_RANGE',
  /** A record of an audited table has no entry that produced it (written behind the log's back). */
  'AUDIT_RECORD_UNSEALED',
  /** A record differs from what the entry that produced it recorded. */
  'AUDIT_RECORD_ALTERED',
  /** A record an entry produced is gone, and no entry removed it. */
  'AUDIT_RECORD_MISSING',
] as const;

const DOMAIN_CODES = [
  'DOMAIN_BAD_AMOUNT',
  'DOMAIN_AMOUNT_OVERFLOW',
  'DOMAIN_BAD_CURRENCY',
  'DOMAIN_CURRENCY_MISMATCH',
  'DOMAIN_BAD_IBAN',
  'DOMAIN_BAD_BIC',
  'DOMAIN_BAD_PAYEE',
  'DOMAIN_BAD_PAYMENT',
  'DOMAIN_ILLEGAL_TRANSITION',
  'DOMAIN_PAYMENT_LOCKED',
  /** The payment's validity (execution date + 30 days) has passed: nothing may approve, submit or export it. */
  'DOMAIN_PAYMENT_EXPIRED',
  /** The requested execution date is in the past: the bank would reject the order. */
  'DOMAIN_PAST_EXECUTION_DATE',
  'DOMAIN_BAD_DIGEST',
  'DOMAIN_BAD_EXPORT',
  'DOMAIN_BAD_CHARSET',
  'DOMAIN_UNSAFE_XML',
  'DOMAIN_BAD_STATEMENT',
  'DOMAIN_BAD_CSV',
  'DOMAIN_WEAK_PASSWORD',
  /** A ZIP of statements is damaged, encrypted, nested, or beyond the limits on files, size and ratio. */
  'DOMAIN_BAD_ARCHIVE',
  /** A payment status report is not signed by the bank key, or is not a status report. */
  'DOMAIN_BAD_STATUS_REPORT',
] as const;

const POLICY_CODES = [
  'POLICY_DENIED',
  'POLICY_UNKNOWN_PERMISSION',
  'POLICY_BAD_REQUEST',
  'POLICY_BAD_CAPABILITY',
  'POLICY_BAD_POLICY',
  'POLICY_BAD_SIGNATURE',
  'POLICY_EXPIRED',
  'POLICY_NOT_YET_VALID',
  'POLICY_WRONG_ORG',
  'POLICY_STALE',
  'POLICY_NO_APPROVAL_RULE',
  'POLICY_APPROVALS_MISSING',
  'POLICY_APPROVAL_IMPOSSIBLE',
] as const;

const APP_CODES = [
  'APP_BAD_INPUT',
  'APP_UNKNOWN_COMMAND',
  'APP_NOT_FOUND',
  'APP_WRONG_STATUS',
  'APP_STALE',
  'APP_NO_POLICY',
  'APP_STEP_UP_REQUIRED',
  'APP_STEP_UP_FAILED',
  /** An assertion's sign counter did not grow: the hardware key was probably cloned (WebAuthn §6.1.1). */
  'APP_KEY_CLONED',
  /** A WebAuthn registration response that does not verify (challenge, origin, rpId, UV, attestation). */
  'APP_KEY_REJECTED',
  /** An AAGUID the organisation policy does not allow. */
  'APP_KEY_NOT_ALLOWED',
  /** The last hardware key while the policy requires one. */
  'APP_LAST_KEY',
  /** A stored approval whose assertion is missing or does not verify: it counts for nothing. */
  'APP_APPROVAL_TAMPERED',
  /** A payee check that is not the bank's: malformed, another `typ`, or not signed by the bank key the vault trusts. */
  'APP_PAYEE_CHECK_UNTRUSTED',
  /** A payee check the bank signed, but for another IBAN or name than the payee or payment it was offered for. */
  'APP_PAYEE_CHECK_MISMATCH',
  /** A stored payee check that no longer verifies (hand-edited row): it is shown as tampered, never as its claim. */
  'APP_PAYEE_CHECK_TAMPERED',
  /** A payment status report the bank signed, but not for a payment of this vault with this digest, or a move its status cannot make: audited, never applied. */
  'APP_STATUS_REPORT_REFUSED',
  /** A payment's stored bank status that its stored, signed status reports do not bear out (hand-edited rows): shown as tampered, never as its claim. */
  'APP_PAYMENT_STATUS_TAMPERED',
  /** A pending payment from the gateway's feed that its maker's device did not sign as shown (certificate, signature, digest, organisation or account): audited, never shown. */
  'APP_PENDING_PAYMENT_REFUSED',
  /** An approval another vault gave, relayed by the gateway, that does not verify here (key not the named user's in the bank-signed policy, assertion, digest, role, maker): audited, never stored or counted. */
  'APP_RELAYED_APPROVAL_REFUSED',
  /** A payment its maker took back here (cancelled, or edited back to a draft) after sharing it, which the gateway had accepted already on approvals in other vaults: the bank will execute it. Recorded with the bank's word, never hidden, never a lifecycle shortcut. */
  'APP_ACCEPTED_BEFORE_WITHDRAWAL',
  'APP_OWN_PAYMENT',
  'APP_NOT_A_SIGNER',
  'APP_ALREADY_APPROVED',
  'APP_NOTHING_TO_EXPORT',
  /** A file the command produced could not be written where its caller wanted it. */
  'APP_FILE_EXISTS',
  'APP_CANNOT_WRITE',
  'APP_BAD_FILE',
  /** A statement does not reconcile with itself (summary, balances, currencies) and the caller did not accept that. */
  'APP_UNRECONCILED',
  'APP_UNKNOWN_ACCOUNT',
  'APP_VAULT_NOT_EMPTY',
  /** A long command was cancelled by its caller; nothing it would have changed was changed. */
  'APP_CANCELLED',
  /** The session's worker stopped (crashed or was terminated); the vault is locked. */
  'APP_SESSION_ENDED',
  /** Enrolment of a vault that is enrolled already, or that holds another organisation's (or the demo's) data. */
  'APP_ALREADY_ENROLLED',
  /** A command that talks to the bank, in a vault never enrolled at one. */
  'APP_NOT_ENROLLED',
  /** A gateway URL that is not https (plain http only on loopback), or not a URL at all. */
  'APP_INSECURE_GATEWAY',
  /** The gateway could not be reached, or kept answering 5xx: nothing was lost, sync again later. */
  'APP_GATEWAY_UNREACHABLE',
  /** The gateway answered something that does not parse or does not verify (a signature, a certificate). */
  'APP_BAD_GATEWAY_ANSWER',
  /** A page of the bank's statement feed whose closing balance is not the vault's balance plus the page's lines: nothing of it is booked, the next sync asks again. */
  'APP_BALANCE_MISMATCH',
  /** A statement file for an account the bank's feed keeps (an enrolled vault's): its lines come with the sync, so importing them too would count them twice. */
  'APP_ACCOUNT_FED_BY_BANK',
  /** The vault's user, vault id or device key differ from what the bank certified at enrolment. */
  'APP_DEVICE_MISMATCH',
  /** The bank's witness cosigned a larger log than this vault holds: an older copy of the vault was put back. */
  'APP_LOG_ROLLED_BACK',
  'APP_INTERNAL',
] as const;

const CLI_CODES = ['CLI_USAGE', 'CLI_NO_SECRET', 'CLI_SECRET_MISMATCH', 'CLI_BAD_SECRET_FILE', 'CLI_BAD_FILE', 'CLI_FILE_EXISTS'] as const;

/** The desktop shell: finding and starting the browser, serving the UI, and what it refuses the renderer. */
const DESKTOP_CODES = [
  'DESKTOP_NO_BROWSER',
  'DESKTOP_NO_DISPLAY',
  'DESKTOP_XVFB_FAILED',
  'DESKTOP_UI_MISSING',
  'DESKTOP_UI_TAMPERED',
  'DESKTOP_UI_BUILD_FAILED',
  'DESKTOP_LAUNCH_FAILED',
  'DESKTOP_BAD_RP_ID',
  'DESKTOP_UNLOCK_FAILED',
  'DESKTOP_SCREENSHOT_FAILED',
  'DESKTOP_ALREADY_UNLOCKED',
  'DESKTOP_BUSY',
  'DESKTOP_LOCKED',
  'DESKTOP_BAD_MESSAGE',
  'DESKTOP_MESSAGE_TOO_LARGE',
  'DESKTOP_UNKNOWN_COMMAND',
  'DESKTOP_INTERNAL',
  'DESKTOP_CSP_VIOLATION',
  'DESKTOP_DIALOG_REFUSED',
  'DESKTOP_DOWNLOAD_REFUSED',
  'DESKTOP_METHOD_REFUSED',
  'DESKTOP_NAVIGATION_REFUSED',
  'DESKTOP_NEW_WINDOW',
  'DESKTOP_OFF_ORIGIN',
  'DESKTOP_UNKNOWN_ASSET',
  'DESKTOP_WRONG_ORIGIN',
  /** A task window (`coffer payments approve`) asked for something other than its task. */
  'DESKTOP_OUTSIDE_TASK',
] as const;

/** The bank gateway (`coffer server`): its store, the bank's commands, enrolment and signed requests. */
const SERVER_CODES = [
  'SERVER_BAD_REQUEST',
  'SERVER_BAD_OPTIONS',
  /** Plain HTTP was asked for on an address other than loopback. */
  'SERVER_PLAIN_HTTP_REFUSED',
  'SERVER_STORE_UNAVAILABLE',
  'SERVER_NOT_FOUND',
  'SERVER_EXISTS',
  /** Witness: the checkpoint is not signed by the enrolled key of the device that sent it. */
  'SERVER_WITNESS_UNTRUSTED',
  /** Witness: the checkpoint names another log than the device's vault. */
  'SERVER_WITNESS_UNKNOWN_LOG',
  /** Witness: the request's old size is not the size the witness last cosigned (the answer says which). */
  'SERVER_WITNESS_STALE',
  /** Witness: the log contradicts what the witness cosigned (rewritten, rolled back or forked); the bank is alerted. */
  'SERVER_WITNESS_INCONSISTENT',
  /** A request to a signed route carries no RFC 9421 signature, or one that is not of our profile. */
  'SERVER_UNSIGNED',
  'SERVER_BAD_SIGNATURE',
  /** The Content-Digest does not match the body received. */
  'SERVER_BAD_DIGEST',
  /** The signature's `created` is too far from the gateway's clock. */
  'SERVER_CLOCK_SKEW',
  /** The signature's nonce was seen before for this device. */
  'SERVER_REPLAY',
  'SERVER_UNKNOWN_DEVICE',
  'SERVER_DEVICE_REVOKED',
  'SERVER_BAD_ACTIVATION_CODE',
  'SERVER_ACTIVATION_CODE_USED',
  'SERVER_ACTIVATION_CODE_EXPIRED',
  /** The device key is already enrolled: one key, one device. */
  'SERVER_DEVICE_KEY_IN_USE',
  'SERVER_RATE_LIMITED',
  'SERVER_INTERNAL',
  /** A WebAuthn registration sent at enrolment does not verify (challenge, origin, rpId, UV, attestation). */
  'SERVER_BAD_CREDENTIAL',
  /** A credential of the demo, whose private keys are published, offered for a real user. */
  'SERVER_DEMO_CREDENTIAL',
  /** A credential id registered already: one credential, one user. */
  'SERVER_CREDENTIAL_IN_USE',
  /** A hardware key of an authenticator model (AAGUID) the organisation's policy does not allow (`hardwareKeys.allowedAaguids`). */
  'SERVER_KEY_NOT_ALLOWED',
  /** An approval names a credential the gateway did not register for a current user of the organisation. */
  'SERVER_UNKNOWN_CREDENTIAL',
  /** An approval's assertion does not verify: signature, rpId, origin, UV, or its challenge is not this payment's digest. */
  'SERVER_BAD_APPROVAL',
  /** An approval's sign counter did not grow beyond the one stored: a replayed assertion or a cloned key. */
  'SERVER_CREDENTIAL_CLONED',
  /** The payment's maker signed one of its approvals. */
  'SERVER_MAKER_APPROVED',
  /** The payment names another maker than the user of the device that submits it. */
  'SERVER_NOT_MAKER',
  /** The debtor account is not one the organisation holds at the bank. */
  'SERVER_UNKNOWN_ACCOUNT',
  /** A payment id the organisation already submitted, with another digest. */
  'SERVER_PAYMENT_ID_CONFLICT',
  /** An Idempotency-Key the device already used for another request. */
  'SERVER_IDEMPOTENCY_KEY_REUSED',
  /** A batch approval attached to a payment whose digest is not in the batch's list: another payment, or this one edited. */
  'SERVER_NOT_IN_BATCH',
  /** Bank staff marked a payment id the organisation never had accepted. */
  'SERVER_PAYMENT_NOT_ACCEPTED',
  /** Bank staff marked a payment already executed or rejected: a final status is never changed. */
  'SERVER_PAYMENT_ALREADY_MARKED',
  /** Bank staff marked executed a payment that has not left in a pain.001 file yet. */
  'SERVER_PAYMENT_NOT_EMITTED',
  /** An approval or a withdrawal names a payment the organisation never shared for approval. */
  'SERVER_UNKNOWN_PAYMENT',
  /** An approval of a payment its maker withdrew (cancelled). */
  'SERVER_PAYMENT_WITHDRAWN',
  /** An approval of a digest the payment no longer has: the maker changed it since. */
  'SERVER_STALE_APPROVAL',
  /** An approval by a credential of another user than the device's: a device speaks for its own user. */
  'SERVER_NOT_DEVICE_USER',
  /** A maker's signature over a pending payment does not verify with the device's key. */
  'SERVER_BAD_MAKER_SIGNATURE',
  /** A share or withdrawal whose maker's sequence is not above the one the gateway holds for the payment (and is not an exact retry of it). */
  'SERVER_STALE_SHARE',
] as const;

/** Every code any part of Coffer may throw or answer with. */
export const ERROR_CODES = [...CRYPTO_CODES, ...VAULT_CODES, ...AUDIT_CODES, ...DOMAIN_CODES, ...POLICY_CODES, ...APP_CODES, ...CLI_CODES, ...DESKTOP_CODES, ...SERVER_CODES] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The codes of one layer, e.g. `CodesOf<'VAULT'>`. */
export type CodesOf<Prefix extends string> = Extract<ErrorCode, `${Prefix}_${string}`>;
export type CryptoErrorCode = CodesOf<'CRYPTO'>;
export type VaultErrorCode = CodesOf<'VAULT'>;
export type AuditErrorCode = CodesOf<'AUDIT'>;
export type DomainErrorCode = CodesOf<'DOMAIN'>;
export type PolicyErrorCode = CodesOf<'POLICY'>;
export type AppErrorCode = CodesOf<'APP'>;
export type CliErrorCode = CodesOf<'CLI'>;
export type DesktopErrorCode = CodesOf<'DESKTOP'>;
export type ServerErrorCode = CodesOf<'SERVER'>;

const KNOWN: ReadonlySet<string> = new Set(ERROR_CODES);

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && KNOWN.has(value);
}

/**
 * Coffer's one error class: a stable `code`, a one-line message that says what was expected and what was
 * found, and a `cause`. A message never carries a secret (key, password, token, balance).
 */
export class CofferError<Code extends ErrorCode = ErrorCode> extends Error {
  override readonly name: string = 'CofferError';
  constructor(
    readonly code: Code,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export {
  VAULT_KEYS_FORMAT,
  SlotKind,
  SlotState,
  Pbkdf2Params,
  HkdfParams,
  PRF_UNLOCK_INFO,
  KeySlot,
  VaultKeyFile,
  BackoffRecord,
} from './vaultKeys.js';
export { canonicalJson } from './canonicalJson.js';
export { AuditOutcome, AuditActor, AuditEntry } from './auditEntry.js';
export { AUDIT_BUNDLE_FORMAT, AuditBundleEntry, AuditBundle } from './auditBundle.js';
export {
  CofferError,
  ERROR_CODES,
  isErrorCode,
  type ErrorCode,
  type CodesOf,
  type CryptoErrorCode,
  type VaultErrorCode,
  type AuditErrorCode,
  type DomainErrorCode,
  type PolicyErrorCode,
  type AppErrorCode,
  type CliErrorCode,
  type DesktopErrorCode,
  type ServerErrorCode,
} from './errors.js';
export { describeZodIssue, type ZodIssueDescription } from './describeZodIssue.js';
export { PERMISSIONS, isPermission, type Permission } from './permissions.js';
export { AuthenticatorTransport, RegistrationResponseJson, AuthenticationResponseJson } from './webauthnJson.js';
export {
  Ed25519PublicKeyText,
  ActivationCodeText,
  EnrolmentRequest,
  EnrolmentResponse,
  BankKeyText,
  DeviceCertificate,
  PolicyResponse,
  BankAccount,
  AccountsResponse,
  DeviceResponse,
  HealthResponse,
  ReadyResponse,
  GatewayErrorResponse,
  WitnessKeyResponse,
  StatementSyncEntry,
  StatementSyncQuery,
  StatementSyncResponse,
  MAX_ENROLMENT_CREDENTIALS,
  PaymentOrder,
  PaymentApproval,
  PaymentSubmission,
  PaymentAnswer,
  IdempotencyKeyText,
} from './gatewayMessages.js';
export type { BenchFigure } from './benchFigure.js';

export { openStore, describeDatabaseUrl, SQLITE_FILE, type GatewayStore, type OpenStoreOptions } from './store/openStore.js';
export type { StoreDialect } from './store/storeDialect.js';
export { loadBankKey, bankKeyText } from './bank/bankKey.js';
export { appendGatewayAudit, gatewayAuditHash, GATEWAY_AUDIT_HASH_TAG, type GatewayAuditEvent } from './bank/appendGatewayAudit.js';
export { verifyGatewayAudit } from './bank/verifyGatewayAudit.js';
export { issueOrgPolicy, currentPolicy, POLICY_VALIDITY_MS, type IssuedPolicy } from './bank/issueOrgPolicy.js';
export { applyBankChange, type BankChange, type AppliedBankChange } from './bank/applyBankChange.js';
export { createOrganisation, CreateOrganisationInput } from './bank/createOrganisation.js';
export { addUser, AddUserInput } from './bank/addUser.js';
export { removeUser, RemoveUserInput } from './bank/removeUser.js';
export { setRoles, SetRolesInput } from './bank/setRoles.js';
export { setApprovalRule, SetApprovalRuleInput } from './bank/setApprovalRule.js';
export { addAccount, AddAccountInput } from './bank/addAccount.js';
export { recordStaffAction } from './bank/recordStaffAction.js';
export { createActivationCode, CreateActivationCodeInput, DEFAULT_CODE_VALIDITY_MINUTES, type ActivationCodeIssued } from './enrolment/createActivationCode.js';
export { generateActivationCode, hashActivationCode } from './enrolment/activationCode.js';
export { signDeviceCertificate, verifyDeviceCertificate, DEVICE_CERTIFICATE_JWS_TYPE } from './enrolment/deviceCertificate.js';
export { enrolDevice } from './enrolment/enrolDevice.js';
export { authenticateDevice } from './enrolment/authenticateDevice.js';
export { revokeDevice, RevokeDeviceInput } from './enrolment/revokeDevice.js';
export { signGatewayRequest, type SignGatewayRequestOptions } from './signatures/signGatewayRequest.js';
export { readRequestSignature, type ReceivedRequest, type RequestSignature } from './signatures/readRequestSignature.js';
export { contentDigest, contentDigestMatches } from './signatures/contentDigest.js';
export {
  SIGNATURE_LABEL,
  COVERED_COMPONENTS,
  SIGNATURE_PARAMETERS,
  SIGNATURE_ALGORITHM,
  MAX_CLOCK_SKEW_MS,
  ENROLMENT_KEY_ID,
} from './signatures/requestSignatureProfile.js';
export { buildGateway, DEFAULT_RATE_LIMIT, LOG_REDACTIONS, type GatewayOptions } from './http/buildGateway.js';
export { openApiDocument } from './http/openApiDocument.js';
export { httpStatusFor } from './http/errorStatus.js';
export { kyselyRateLimitStore } from './http/kyselyRateLimitStore.js';
export { startGateway, type StartGatewayOptions, type RunningGateway } from './http/startGateway.js';
export { ensureListenable, isLoopbackHost } from './http/listenAddress.js';
export { seedDemoBank, type DemoBankReport } from './demo/seedDemoBank.js';
export { parseBankInput } from './bank/bankInputs.js';
export { parseRuleBand, type RuleBandText } from './bank/ruleBand.js';
export { benchServer, type ServerBenchFigure, type ServerBenchOptions } from './bench/serverBench.js';
export { gatewayRelyingParty, DEFAULT_RP_ID, type RelyingParty } from './credentials/relyingParty.js';
export { verifyCredentialRegistration, type RegisteredCredential } from './credentials/verifyCredentialRegistration.js';
export { acceptPayment, type AcceptPaymentOpts, type PaymentOutcome } from './payments/acceptPayment.js';
export { verifyApproval, type VerifiedApproval } from './payments/verifyApproval.js';
export { idempotencyRequestHash } from './payments/idempotentAnswer.js';
export { exportPayments, type EmittedFile } from './payments/exportPayments.js';
export { markPayment, MarkPaymentInput, type MarkedPayment } from './payments/markPayment.js';
export { readPaymentStatusFeed } from './payments/readPaymentStatusFeed.js';
export { listPayments, ListPaymentsInput, type ListedPayment } from './payments/listPayments.js';

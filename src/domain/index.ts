
// Money
export {
  CURRENCY_EXPONENTS,
  MAX_MAJOR_DIGITS,
  Currency,
  currencyExponent,
  maxAmountMinor,
  parseCurrency,
} from './money/currency.js';
export { Money } from './money/money.js';
export { parseAmount, type ParseAmountOptions } from './money/parseAmount.js';
export { formatAmount, type FormatAmountOptions } from './money/formatAmount.js';
export { addMoney } from './money/addMoney.js';
export { subtractMoney } from './money/subtractMoney.js';
export { compareMoney } from './money/compareMoney.js';
export { sumMoney } from './money/sumMoney.js';

// Accounts
export { Iban, parseIban } from './account/parseIban.js';
export { formatIban } from './account/formatIban.js';
export { ibanFromAccountId } from './account/ibanFromAccountId.js';
export { Bic, parseBic } from './account/parseBic.js';

// Payees and payments
export { PartyName, RemittanceInfo, UserId, PaymentId, PayeeId, IsoDate, Timestamp } from './payment/fields.js';
export { Payee, parsePayee } from './payment/parsePayee.js';
export { payeeNameKey } from './payment/payeeNameKey.js';
export { payeeNameTokens, type PayeeNameTokens } from './payee/payeeNameTokens.js';
export { CLOSE_MATCH_SIMILARITY, matchPayeeName, type PayeeNameMatch } from './payee/matchPayeeName.js';
export { DEMO_PAYEE_DIRECTORY } from './payee/demoPayeeDirectory.js';
export { PaymentStatus, Creditor, Payment, parsePayment } from './payment/parsePayment.js';
export { PAYMENT_TRANSITIONS, canTransition, isFinalStatus, transitionPayment } from './payment/transitionPayment.js';
export { PaymentChanges, EDITABLE_STATUSES, editPayment, type EditedPayment } from './payment/editPayment.js';
export { ensureNotExpired, ensureExecutionDateAhead } from './payment/checkPaymentDeadlines.js';
export { PAYMENT_DIGEST_TAG, PaymentDigestInput, paymentDigestBody, paymentDigest } from './payment/paymentDigest.js';
export { BATCH_DIGEST_TAG, MAX_BATCH_SIZE, batchDigest, batchDigestList } from './payment/batchDigest.js';
export { PAYMENT_STATUS_JWS_TYPE, signPaymentStatusReport, verifyPaymentStatusReport } from './payment/paymentStatusReport.js';

// ISO 20022 pain.001 export
export { PAIN001_NAMESPACE, buildPain001 } from './pain001/buildPain001.js';
export { Pain001Request, EXPORTABLE_STATUSES, SEPA_MAX_AMOUNT_MINOR } from './pain001/pain001Request.js';
export { toSepaText } from './pain001/toSepaText.js';

// Statements: one entry point for every format (camt.052/053/054 V02–V13, MT940/MT942, bank CSV, ZIP),
// entry identities, reconciliation, de-duplication with reasons
export { parseStatementFile, MAX_STATEMENT_FILE_BYTES, type ParseStatementFileOptions, type StatementFileResult } from './statement/parseStatementFile.js';
export type { StatementFileFormat } from './statement/detectStatementFormat.js';
export type { ParsedStatement, StatementAccount, StatementBalance, StatementKind, StatementFormatId, TransactionsSummary } from './statement/parsedStatement.js';
export { NO_REFERENCES } from './statement/bookingEntry.js';
export type { BookingEntry, EntryDraft, BankTransactionCode, Charge, Counterparty, CreditDebit, EntryDetail, EntryReferences } from './statement/bookingEntry.js';
export type { ImportWarning, ImportWarningCode } from './statement/importWarning.js';
export type { Reconciliation, ReconciliationCheck, ReconciliationCheckName } from './statement/reconciliation.js';
export {
  dedupeEntries,
  type BookedIdentity,
  type DedupeCandidate,
  type DedupeEntriesResult,
  type SkippedEntry,
  type SkipReason,
} from './statement/dedupeEntries.js';
export { ENTRY_IDENTITY_VERSION, identifyEntries } from './statement/entryIdentity.js';
export { ZIP_LIMITS, type ZipLimits } from './statement/readZipMembers.js';
export { CAMT_VERSIONS } from './camt/camtMessageType.js';
export { generateCamt053, type GenerateCamt053Options, type GeneratedCamt053 } from './camt/generateCamt053.js';
export { COLUMNS_SYNTAX, parseColumnMapping, type CsvColumnsOption } from './csv/parseColumnMapping.js';
export { CSV_FIELDS, type CsvColumn, type CsvField, type CsvFormulaCell, type CsvMapping } from './csv/csvMapping.js';
export { CSV_DIALECTS, type CsvDialect } from './csv/csvDialects.js';

// Bank text written back to CSV without a formula start (any export of imported text)
export { neutraliseCsvCell, looksLikeFormula } from './csv/neutraliseCsvCell.js';

// Hardware-key credentials: the enrolment's registration challenge, and the demo's published keys (refused by the gateway)
export { ENROLMENT_REGISTRATION_TAG, deviceRegistrationChallenge, enrolmentRegistrationChallenge } from './credential/registrationChallenge.js';
export {
  DEMO_CREDENTIAL_KEY_TAG,
  DEMO_CREDENTIAL_ID_TAG,
  demoCredentialPrivateKey,
  demoCredentialId,
  demoCredentialPoint,
  isDemoCredential,
} from './credential/demoCredentialKeys.js';

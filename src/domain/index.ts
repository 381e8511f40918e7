
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
export { Bic, parseBic } from './account/parseBic.js';

// Payees and payments
export { PartyName, RemittanceInfo, UserId, PaymentId, PayeeId, IsoDate, Timestamp } from './payment/fields.js';
export { Payee, parsePayee } from './payment/parsePayee.js';
export { PaymentStatus, Creditor, Payment, parsePayment } from './payment/parsePayment.js';
export { PAYMENT_TRANSITIONS, canTransition, isFinalStatus, transitionPayment } from './payment/transitionPayment.js';
export { PaymentChanges, EDITABLE_STATUSES, editPayment, type EditedPayment } from './payment/editPayment.js';
export { PAYMENT_DIGEST_TAG, PaymentDigestInput, paymentDigestBody, paymentDigest } from './payment/paymentDigest.js';
export { BATCH_DIGEST_TAG, MAX_BATCH_SIZE, batchDigest } from './payment/batchDigest.js';

// ISO 20022 pain.001 export
export { PAIN001_NAMESPACE, buildPain001 } from './pain001/buildPain001.js';
export { Pain001Request, EXPORTABLE_STATUSES, SEPA_MAX_AMOUNT_MINOR } from './pain001/pain001Request.js';
export { toSepaText } from './pain001/toSepaText.js';

// Statements: camt.053 and CSV import, de-duplication
export { Statement, StatementEntry } from './statement/statement.js';
export { CAMT053_NAMESPACES, parseCamt053 } from './camt053/parseCamt053.js';
export { MAX_XML_LENGTH } from './camt053/xmlElement.js';
export { STATEMENT_CSV_COLUMNS, parseStatementCsv, type CsvStatementImport, type FormulaCell } from './csv/parseStatementCsv.js';
export { parseCsv, MAX_CSV_LENGTH, type CsvRecord } from './csv/parseCsv.js';
export { neutraliseCsvCell, looksLikeFormula } from './csv/neutraliseCsvCell.js';
export { dedupeByEntryRef, type DedupeResult } from './statement/dedupeByEntryRef.js';

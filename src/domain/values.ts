/*
 * The part of the domain the renderer, the app API and the gateway share: money, accounts, payment fields
 * and statuses. It must never reach node code or src/crypto (a dependency-cruiser rule checks it), so the
 * renderer validates an IBAN or an amount with exactly the code the app uses.
 */
export { CURRENCY_EXPONENTS, MAX_MAJOR_DIGITS, Currency, currencyExponent, maxAmountMinor, parseCurrency } from './money/currency.js';
export { Money } from './money/money.js';
export { parseAmount, type ParseAmountOptions } from './money/parseAmount.js';
export { formatAmount, type FormatAmountOptions } from './money/formatAmount.js';
export { Iban, parseIban } from './account/parseIban.js';
export { formatIban } from './account/formatIban.js';
export { Bic, parseBic } from './account/parseBic.js';
export { PartyName, RemittanceInfo, UserId, PaymentId, PayeeId, IsoDate, Timestamp, textProblem } from './payment/fields.js';
export { PaymentStatus, Creditor, Payment } from './payment/parsePayment.js';
export { Payee } from './payment/parsePayee.js';

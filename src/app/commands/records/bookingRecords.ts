import { ENTRY_IDENTITY_VERSION, type BankTransactionCode, type BookingEntry } from '../../../domain/index.js';
import type { VaultDatabase } from '../../../vault/index.js';

/** Where booked entries came from: the imported statement's record (none for the demo), format and file. */
export interface BookingSource {
  statementRecordId: string | null;
  format: string;
  file: string | null;
}

const COLUMNS = [
  'account_id', 'entry_identity', 'identity_version', 'occurrence', 'statement_record_id', 'statement_id', 'position', 'source_format',
  'source_file', 'entry_ref', 'booking_date', 'value_date', 'amount_minor', 'currency', 'credit_debit', 'reversal', 'ntry_ref', 'end_to_end_ref',
  'mandate_ref', 'instruction_ref', 'transaction_ref', 'payment_info_ref', 'creditor_id', 'creditor_ref', 'customer_ref', 'prima_nota',
  'counterparty_name', 'counterparty_iban', 'counterparty_account', 'counterparty_bank', 'counterparty_ultimate_name', 'remittance_info',
  'additional_info', 'posting_text', 'bank_tx_code', 'return_reason', 'details_json', 'charges_json',
] as const;

const INSERT = `INSERT INTO statement_transactions (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`;

function codeJson(code: BankTransactionCode): string | null {
  const given = Object.entries(code).filter(([, value]) => value !== null);
  return given.length === 0 ? null : JSON.stringify(Object.fromEntries(given));
}

/** A file repeats a handful of bank transaction codes thousands of times: each is written to JSON once. */
function codeWriter(): (code: BankTransactionCode | null) => string | null {
  const known = new Map<string, string | null>();
  return function bankTransactionCodeJson(code) {
    if (code === null) return null;
    const key = `${code.domain}\u0000${code.family}\u0000${code.subFamily}\u0000${code.proprietary}\u0000${code.proprietaryIssuer}\u0000${code.swiftType}\u0000${code.textKeyExtension}`;
    let json = known.get(key);
    if (json === undefined) {
      json = codeJson(code);
      known.set(key, json);
    }
    return json;
  };
}

/**
 * The entry's transactions as JSON when the columns do not already say everything of them: a batch (several
 * details, or a Btch summary), or one detail with its own text, return information, charges or amount.
 */
function detailsJson(entry: BookingEntry): string | null {
  const [only, ...more] = entry.details;
  const ownAmount = only?.amount && (only.amount.minor !== entry.amount.minor || only.amount.currency !== entry.amount.currency);
  const single = only === undefined || (only.additionalInfo === null && only.returnInfo === null && only.charges.length === 0 && !ownAmount);
  if (entry.batch === null && more.length === 0 && single) return null;
  return JSON.stringify({ batch: entry.batch, details: entry.details });
}

/**
 * Books entries on an account, one row each with every field the bank gave (docs/domain.md "Statements");
 * a booking's id is its rowid, so a large import appends.
 * The caller has de-duplicated them: the table's UNIQUE (account_id, entry_identity) refuses a second
 * booking of the same identity.
 */
export function bookingWriter(db: VaultDatabase): (accountId: string, entry: BookingEntry, source: BookingSource) => void {
  const insert = db.prepare(INSERT);
  const bankTransactionCodeJson = codeWriter();
  return function bookEntry(accountId, entry, source) {
    const refs = entry.references;
    const party = entry.counterparty;
    insert.run(
      accountId, entry.identity, ENTRY_IDENTITY_VERSION, entry.occurrence, source.statementRecordId, entry.statementId, entry.position,
      source.format, source.file, refs.accountServicer, entry.bookingDate ?? entry.valueDate, entry.valueDate, entry.amount.minor, entry.amount.currency,
      entry.creditDebit, entry.reversal ? 1 : 0, refs.entry, refs.endToEnd, refs.mandate, refs.instruction, refs.transaction, refs.paymentInformation,
      refs.creditorId, refs.creditorReference, refs.customer, refs.primaNota,
      party?.name ?? null, party?.iban ?? null, party?.account ?? null, party?.bankId ?? null, party?.ultimateName ?? null,
      entry.remittance, entry.additionalInfo, entry.postingText, bankTransactionCodeJson(entry.bankTransactionCode), entry.returnReason,
      detailsJson(entry), entry.charges.length === 0 ? null : JSON.stringify(entry.charges),
    );
  };
}

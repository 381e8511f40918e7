import { ENTRY_IDENTITY_VERSION, type BankTransactionCode, type BookingEntry } from '../../../domain/index.js';
import type { VaultDatabase } from '../../../vault/index.js';

/** Where booked entries came from: the imported statement's record (none for the demo), format and file. */
export interface BookingSource {
  statementRecordId: string | null;
  format: string;
  file: string | null;
}

/** Where the booking came from: given by the writer, not by the entry. */
const SOURCE_COLUMNS = ['account_id', 'statement_record_id', 'source_format', 'source_file'] as const;

/** What the entry itself says, in the order of `bookingRow`. */
const ENTRY_COLUMNS = [
  'entry_identity', 'identity_version', 'occurrence', 'statement_id', 'position', 'entry_ref', 'booking_date', 'value_date', 'amount_minor', 'currency',
  'credit_debit', 'reversal', 'ntry_ref', 'end_to_end_ref', 'mandate_ref', 'instruction_ref', 'transaction_ref', 'payment_info_ref', 'creditor_id',
  'creditor_ref', 'customer_ref', 'prima_nota', 'counterparty_name', 'counterparty_iban', 'counterparty_account', 'counterparty_bank',
  'counterparty_ultimate_name', 'remittance_info', 'additional_info', 'posting_text', 'bank_tx_code', 'return_reason', 'details_json', 'charges_json',
] as const;

const COLUMNS = [...SOURCE_COLUMNS, ...ENTRY_COLUMNS];

const INSERT = `INSERT INTO statement_transactions (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`;

/**
 * An entry's column values as the statement_transactions row stores them (text, integers and nulls only, so
 * the row survives JSON unchanged): computed where the entry was read (a worker thread), written here.
 */
export type BookingRow = (string | number | null)[];

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
 * A function that turns entries into their rows; it writes each bank transaction code to JSON once per
 * distinct code.
 */
export function bookingRows(): (entry: BookingEntry) => BookingRow {
  const bankTransactionCodeJson = codeWriter();
  return function bookingRow(entry) {
    const refs = entry.references;
    const party = entry.counterparty;
    return [
      entry.identity, ENTRY_IDENTITY_VERSION, entry.occurrence, entry.statementId, entry.position, refs.accountServicer, entry.bookingDate ?? entry.valueDate,
      entry.valueDate, entry.amount.minor, entry.amount.currency, entry.creditDebit, entry.reversal ? 1 : 0, refs.entry, refs.endToEnd, refs.mandate,
      refs.instruction, refs.transaction, refs.paymentInformation, refs.creditorId, refs.creditorReference, refs.customer, refs.primaNota,
      party?.name ?? null, party?.iban ?? null, party?.account ?? null, party?.bankId ?? null, party?.ultimateName ?? null,
      entry.remittance, entry.additionalInfo, entry.postingText, bankTransactionCodeJson(entry.bankTransactionCode), entry.returnReason,
      detailsJson(entry), entry.charges.length === 0 ? null : JSON.stringify(entry.charges),
    ];
  };
}

/**
 * Books rows (from `bookingRows`) on an account, one row each with every field the bank gave (docs/domain.md
 * "Statements"); a booking's id is its rowid, so a large import appends. The caller has de-duplicated them:
 * the table's UNIQUE (account_id, entry_identity) refuses a second booking of the same identity.
 */
export function bookingRowWriter(db: VaultDatabase): (accountId: string, row: BookingRow, source: BookingSource) => void {
  const insert = db.prepare(INSERT);
  return function bookRow(accountId, row, source) {
    insert.run(accountId, source.statementRecordId, source.format, source.file, ...row);
  };
}

/** Books entries on an account: `bookingRows` and `bookingRowWriter` in one step. */
export function bookingWriter(db: VaultDatabase): (accountId: string, entry: BookingEntry, source: BookingSource) => void {
  const book = bookingRowWriter(db);
  const rowOf = bookingRows();
  return function bookEntry(accountId, entry, source) {
    book(accountId, rowOf(entry), source);
  };
}

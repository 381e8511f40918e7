import type { Iban } from '../account/parseIban.js';
import type { Money } from '../money/money.js';

/*
 * One line of a bank statement as every reader (camt.052/053/054, MT940/MT942, bank CSV) returns it.
 * Plain data: the readers are the parse step, so these are produced, never parsed again.
 */

/** Direction of the money: CRDT money in, DBIT money out (camt CdtDbtInd; MT940 C/RD and D/RC). */
export type CreditDebit = 'CRDT' | 'DBIT';

/** References a bank gives a booking; null where the file has none (NOTPROVIDED counts as none). */
export interface EntryReferences {
  /** camt AcctSvcrRef (the bank's reference of the booking); MT940 bank reference after "//". */
  accountServicer: string | null;
  /** camt NtryRef. */
  entry: string | null;
  endToEnd: string | null;
  mandate: string | null;
  instruction: string | null;
  transaction: string | null;
  paymentInformation: string | null;
  /** SEPA creditor identifier (camt Cdtr/Id/PrvtId/Othr with SchmeNm SEPA, MT940 CRED+). */
  creditorId: string | null;
  /** Structured creditor reference (RF…, Swiss QRR/SCOR, MT940 none). */
  creditorReference: string | null;
  /** MT940 :61: customer reference (16x), MT940 KREF+. */
  customer: string | null;
  /** MT940 :86: ?10 Primanota (the bank's journal number). */
  primaNota: string | null;
}

/** The other party of a booking: the debtor of a credit, the creditor of a debit. */
export interface Counterparty {
  name: string | null;
  /** Only a valid IBAN; an account number that is not one is in `account` (with a warning). */
  iban: Iban | null;
  /** Another account identifier (camt Othr/Id, a national number), or an invalid IBAN kept as text. */
  account: string | null;
  /** BIC as written (8 or 11 characters), or a national bank code (MT940 ?30 BLZ). */
  bankId: string | null;
  /** A party on whose behalf the payment was made (camt UltmtDbtr/UltmtCdtr, MT940 ABWA+/ABWE+). */
  ultimateName: string | null;
}

/** ISO 20022 bank transaction code, and the MT940 codes that play its part. */
export interface BankTransactionCode {
  domain: string | null;
  family: string | null;
  subFamily: string | null;
  /** camt Prtry/Cd; MT940: the German business transaction code (GVC, e.g. "166"). */
  proprietary: string | null;
  /** camt Prtry/Issr; "DK" for a German GVC. */
  proprietaryIssuer: string | null;
  /** MT940 :61: transaction type (e.g. "NTRF", "NDDT"). */
  swiftType: string | null;
  /** MT940 :86: ?34 Textschlüsselergänzung. */
  textKeyExtension: string | null;
}

/** A charge the bank lists for a booking (camt Chrgs/Rcrd, or V02 Chrgs). */
export interface Charge {
  amount: Money;
  creditDebit: CreditDebit | null;
  /** camt ChrgInclInd: true when the charge is already in the entry amount. */
  includedInEntry: boolean | null;
  type: string | null;
}

/** One transaction inside an entry (camt TxDtls): a batch booking has several. */
export interface EntryDetail {
  /** 1-based position among the entry's details. */
  position: number;
  /** Signed like the entry (credit +, debit −); null when the file gives no amount per transaction. */
  amount: Money | null;
  references: EntryReferences;
  counterparty: Counterparty | null;
  remittance: string;
  /** camt AddtlTxInf. */
  additionalInfo: string | null;
  /** camt RtrInf/Rsn (Cd or Prtry), e.g. "AC04", "MD06". */
  returnReason: string | null;
  returnInfo: string | null;
  bankTransactionCode: BankTransactionCode | null;
  charges: Charge[];
}

/** One entry (booking, or a pending or informational line) of a statement. */
export interface BookingEntry {
  /**
   * De-duplication key across imports (see entryIdentity.ts): SHA-256 hex of the entry's references
   * and content plus its occurrence among identical entries of the same statement.
   */
  identity: string;
  /** 1 for the first identical entry of its statement, 2 for the second identical one, … */
  occurrence: number;
  /** 1-based position in the statement. */
  position: number;
  /** Where the entry is in its file, for messages: "Stmt[0]/Ntry[3]", "line 17". */
  where: string;
  /** The statement the entry came from (camt Stmt/Id, MT940 :20:/:28C:, CSV none). */
  statementId: string | null;
  /** Status as written: BOOK, PDNG, INFO, FUTR … (camt Sts or Sts/Cd; MT942 and CSV pending → PDNG). */
  status: string;
  /** True only for status BOOK: only these are bookings. */
  booked: boolean;
  bookingDate: string | null;
  valueDate: string | null;
  /** Signed: credits positive, debits negative. */
  amount: Money;
  creditDebit: CreditDebit;
  /** camt RvslInd, MT940 RC/RD: this entry reverses an earlier one (a return, a storno). */
  reversal: boolean;
  references: EntryReferences;
  /** The single transaction's party; null for batches (see details) or where the file names none. */
  counterparty: Counterparty | null;
  /** Remittance lines joined as the bank split them; for a batch, empty (each detail has its own). */
  remittance: string;
  /** camt AddtlNtryInf, MT940 unknown :86: subfields. */
  additionalInfo: string | null;
  /** MT940 ?00, CSV Buchungstext / Umsatzart. */
  postingText: string | null;
  bankTransactionCode: BankTransactionCode | null;
  returnReason: string | null;
  charges: Charge[];
  /** camt Btch: a batch booking's own summary, if given. */
  batch: { messageId: string | null; paymentInformationId: string | null; count: number | null; total: Money | null } | null;
  details: EntryDetail[];
}

/**
 * An entry as a reader returns it: its identity and occurrence depend on the other entries of its statement,
 * so identifyEntries gives them once the statement is read.
 */
export type EntryDraft = Omit<BookingEntry, 'identity' | 'occurrence'>;

export const NO_REFERENCES: Readonly<EntryReferences> = Object.freeze({
  accountServicer: null, entry: null, endToEnd: null, mandate: null, instruction: null, transaction: null,
  paymentInformation: null, creditorId: null, creditorReference: null, customer: null, primaNota: null,
});

import type { Iban } from '../account/parseIban.js';
import type { Currency } from '../money/currency.js';
import type { Money } from '../money/money.js';
import type { BookingEntry } from './bookingEntry.js';
import type { Reconciliation } from './reconciliation.js';
import type { ImportWarning } from './importWarning.js';
import type { CsvFormulaCell, CsvMapping } from '../csv/csvMapping.js';

/**
 * Which format a statement came in: "camt.053.001.08", "camt.052.001.02", "camt.054.001.04", "mt940",
 * "mt942", or "csv:<dialect>" (csv:sparkasse-camt, csv:ing, csv:columns …).
 */
export type StatementFormatId = string;

/**
 * statement: an end-of-day or period statement (camt.053, MT940, bank CSV);
 * report: an intraday report (camt.052, MT942); notification: single debit/credit advices (camt.054).
 */
export type StatementKind = 'statement' | 'report' | 'notification';

/** The account a statement is for, in every form the file gives: the app matches it to its accounts. */
export interface StatementAccount {
  iban: Iban | null;
  /** camt Acct/Id/Othr/Id; MT940 :25: when it is not an IBAN ("76069559/0003267288"). */
  otherId: string | null;
  currency: Currency | null;
  name: string | null;
  ownerName: string | null;
  servicerBic: string | null;
}

/** A balance as the file states it (camt Bal, MT940 :60:/:62:/:64:/:65:, CSV preamble). */
export interface StatementBalance {
  /** ISO 20022 balance type code: OPBD, PRCD, CLBD, ITBD, CLAV, OPAV, ITAV, FWAV, XPCD … */
  type: string;
  /** Signed: a debit balance (overdraft) is negative. */
  amount: Money;
  date: string | null;
}

/** camt TxsSummry, MT942 :90D:/:90C:: what the bank says the entries add up to. */
export interface TransactionsSummary {
  entries: { count: number | null; sum: Money | null; net: Money | null } | null;
  credits: { count: number | null; sum: Money | null } | null;
  debits: { count: number | null; sum: Money | null } | null;
}

export interface ParsedStatement {
  format: StatementFormatId;
  kind: StatementKind;
  /** Where in the file: the ZIP member (null for a plain file) and the statement's index in it. */
  source: { member: string | null; index: number };
  messageId: string | null;
  /** camt Stmt/Id (Rpt/Id, Ntfctn/Id); MT940 ":20:/:28C:"; null for CSV. */
  statementId: string | null;
  /** camt ElctrncSeqNb; MT940 :28C: statement number. */
  electronicSequence: string | null;
  legalSequence: string | null;
  /** As written in the file (ISO date-time), not converted. */
  createdAt: string | null;
  period: { from: string | null; to: string | null };
  account: StatementAccount;
  balances: StatementBalance[];
  summary: TransactionsSummary | null;
  entries: BookingEntry[];
  /** camt AddtlStmtInf, MT940 :86: after :62:. */
  additionalInfo: string | null;
  /** What was kept or repaired instead of refusing the file; the app must show these. */
  warnings: ImportWarning[];
  /** The file checked against itself; `differs` must be shown loudly. */
  reconciliation: Reconciliation;
  /** For CSV only: the dialect and column mapping used, and text cells that look like formulas. */
  csv: { mapping: CsvMapping; formulaCells: CsvFormulaCell[] } | null;
}

/** What a CSV column can hold; a bank export maps some of these, a user mapping names them. */
export const CSV_FIELDS = [
  'bookingDate',
  'valueDate',
  'amount',
  'debit',
  'credit',
  'creditDebitMark',
  'currency',
  'counterpartyName',
  'payerName',
  'payeeName',
  'counterpartyIban',
  'counterpartyBankId',
  'remittance',
  'postingText',
  'status',
  'balanceAfter',
  'endToEnd',
  'mandate',
  'creditorId',
  'customerReference',
  'entryRef',
  'accountIban',
] as const;
export type CsvField = (typeof CSV_FIELDS)[number];

/** A column of the file: 1-based index, and its header text when the file has a header row. */
export interface CsvColumn {
  index: number;
  header: string | null;
}

/** How a CSV file was read: returned with every CSV statement so the user can check it. */
export interface CsvMapping {
  /** "sparkasse-camt", "ing", "dkb", …, "coffer" (Coffer's own columns), "columns" (given by the user). */
  dialect: string;
  /** For people: "Sparkasse CSV-CAMT (V2 and V8)". */
  dialectName: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'iso-8859-15';
  delimiter: string;
  decimal: ',' | '.';
  /** 1-based line of the header row; null for a file without one. */
  headerLine: number | null;
  columns: Partial<Record<CsvField, CsvColumn>>;
}

/** A text cell a spreadsheet would run as a formula: kept as data, neutralised on any export. */
export interface CsvFormulaCell {
  line: number;
  /** 1-based column index. */
  column: number;
  header: string | null;
}

/** Why a value was kept as text or repaired instead of refusing the whole file. */
export type ImportWarningCode =
  /** An optional IBAN failed its check: kept as text in `account`, not as an IBAN. */
  | 'IBAN_KEPT_AS_TEXT'
  /** Control characters or bidirectional overrides removed from a text (they could hide or fake text). */
  | 'TEXT_CLEANED'
  /** A text longer than Coffer keeps was shortened. */
  | 'TEXT_SHORTENED'
  /** The bytes were not valid UTF-8 and were read as Windows-1252. */
  | 'ENCODING_FALLBACK'
  /** The AppHdr names another message than the document is. */
  | 'HEADER_MISMATCH'
  /** A CSV line outside the table (a footer such as "Kontostand;…") was not read. */
  | 'CSV_LINE_IGNORED'
  /** An optional value could not be read and was left empty (e.g. an unreadable value date). */
  | 'VALUE_IGNORED';

/** A problem kept as data: the app shows it with the import result, never hides it. */
export interface ImportWarning {
  code: ImportWarningCode;
  /** Where: "Stmt[0]/Ntry[3]/NtryDtls/TxDtls[0]/RltdPties/DbtrAcct", "line 12, column IBAN". */
  where: string;
  /** In words, without amounts or account numbers. */
  message: string;
}

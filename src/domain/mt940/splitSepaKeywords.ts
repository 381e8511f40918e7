// SEPA identifiers of the DK "Datenformate" (Anlage 3): EREF+ end-to-end reference, KREF+ customer
// reference, MREF+ mandate, CRED+ creditor id, DEBT+ debtor id, SVWZ+ remittance text, ABWA+/ABWE+
// ultimate debtor/creditor, IBAN+/BIC+ counterparty, PURP+ purpose, COAM+/OAMT+ amounts, RTRN+ return reason.
const KEYWORDS = 'EREF|KREF|MREF|CRED|DEBT|COAM|OAMT|SVWZ|ABWA|ABWE|IBAN|BIC|PURP|RTRN|SQTP|ORCR|ORMR|DDAT';
const STARTS_WITH_KEYWORD = new RegExp(`^(?:${KEYWORDS})\\+`);
const ANY_KEYWORD = new RegExp(`(${KEYWORDS})\\+`, 'g');

/**
 * Splits remittance text written with SEPA keywords glued together, as Sparkasse's CSV-MT940 export
 * does ("EREF+11063225-1MREF+41310-1CRED+DE11ZZZ…SVWZ+Rechnung 11063225"), into keyword → value.
 * Returns null for text that does not start with a keyword (plain text: no splitting, no guessing).
 */
export function splitSepaKeywords(text: string): Map<string, string> | null {
  if (!STARTS_WITH_KEYWORD.test(text)) return null;
  const values = new Map<string, string>();
  const marks = [...text.matchAll(ANY_KEYWORD)];
  marks.forEach((mark, index) => {
    const start = (mark.index ?? 0) + (mark[0] as string).length;
    const end = marks[index + 1]?.index ?? text.length;
    const keyword = mark[1] as string;
    const value = text.slice(start, end).trim();
    values.set(keyword, values.has(keyword) ? `${values.get(keyword)} ${value}` : value);
  });
  return values;
}

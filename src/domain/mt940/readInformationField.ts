import { joinSplitLines } from '../statement/cleanText.js';

/** What field :86: holds, split per the German DK format where it is structured. */
export interface InformationField {
  /** Geschäftsvorfallcode (the three digits before the first subfield), e.g. "166". */
  transactionCode: string | null;
  /** ?00 Buchungstext. */
  postingText: string | null;
  /** ?10 Primanota. */
  primaNota: string | null;
  /** ?20–?29 and ?60–?63 joined as split (27 characters a subfield), SEPA keywords taken out. */
  remittance: string;
  /** ?30 BLZ or BIC of the counterparty's bank. */
  bankId: string | null;
  /** ?31 account number or IBAN of the counterparty. */
  account: string | null;
  /** ?32–?33 counterparty name. */
  name: string | null;
  /** ?34 Textschlüsselergänzung. */
  textKeyExtension: string | null;
  /** SEPA keywords of the remittance subfields (EREF, KREF, MREF, CRED, SVWZ, ABWA, ABWE, IBAN, BIC …). */
  keywords: Map<string, string>;
  /** Subfields Coffer does not map, as "?NN text", and unstructured text that is not remittance. */
  other: string | null;
}

/** DK subfields are at most 27 characters; text longer than that was cut into the next one. */
const SUBFIELD_WIDTH = 27;
/** An unstructured :86: line is at most 65 characters (6*65x). */
const LINE_WIDTH = 65;
// SEPA identifiers of the DK "Datenformate" (Anlage 3, SEPA-Belegung von Feld 86).
const KEYWORD = /^(EREF|KREF|MREF|CRED|DEBT|COAM|OAMT|SVWZ|ABWA|ABWE|IBAN|BIC|PURP|RTRN|SQTP|ORCR|ORMR|DDAT)\+/;

function empty(): InformationField {
  return { transactionCode: null, postingText: null, primaNota: null, remittance: '', bankId: null, account: null, name: null, textKeyExtension: null, keywords: new Map(), other: null };
}

/** Remittance subfields → free text and SEPA keyword values; a keyword opens a new subfield run. */
function readRemittance(parts: string[]): { text: string; keywords: Map<string, string> } {
  const keywords = new Map<string, string>();
  const runs: { keyword: string | null; lines: string[] }[] = [];
  for (const part of parts) {
    const keyword = KEYWORD.exec(part)?.[1];
    if (keyword !== undefined || runs.length === 0) runs.push({ keyword: keyword ?? null, lines: [part] });
    else runs[runs.length - 1]?.lines.push(part);
  }
  const free: string[] = [];
  for (const run of runs) {
    // Joined with the keyword still in front: the 27-character cut counts it.
    const joined = joinSplitLines(run.lines, SUBFIELD_WIDTH);
    const text = run.keyword === null ? joined : joined.slice(run.keyword.length + 1);
    if (run.keyword === null) free.push(text);
    else keywords.set(run.keyword, keywords.has(run.keyword) ? `${keywords.get(run.keyword)} ${text}` : text);
  }
  const svwz = keywords.get('SVWZ');
  return { text: svwz ?? free.join(' '), keywords };
}

/**
 * Reads field :86:. Structured (German DK format: a three-digit code, then "?NN" subfields, the
 * separator being the fourth character): ?00 posting text, ?10 primanota, ?20–?29 and ?60–?63
 * remittance (SEPA keywords EREF+ … SVWZ+ split out), ?30 bank, ?31 account, ?32–?33 name, ?34 text
 * key extension. Line breaks of the field are not text (they fall at SWIFT's 65-character lines).
 * Anything else is unstructured: all of it is remittance, lines joined as split.
 */
export function readInformationField(value: string): InformationField {
  const lines = value.split('\n');
  const joined = lines.join('');
  const separator = joined.charAt(3);
  if (!/^[0-9]{3}$/.test(joined.slice(0, 3)) || !/^[?!#/@]$/.test(separator) || !/^[0-9]{2}/.test(joined.slice(4))) {
    const read = readRemittance([joinSplitLines(lines, LINE_WIDTH)]);
    return { ...empty(), remittance: read.text, keywords: read.keywords };
  }
  const subfields = joined.slice(4).split(separator);
  const remittance: string[] = [];
  const names: string[] = [];
  const other: string[] = [];
  const result: InformationField = { ...empty(), transactionCode: joined.slice(0, 3) };
  for (const subfield of subfields) {
    const code = subfield.slice(0, 2);
    const text = subfield.slice(2);
    if (code === '00') result.postingText = text;
    else if (code === '10') result.primaNota = text;
    else if ((code >= '20' && code <= '29') || (code >= '60' && code <= '63')) remittance.push(text);
    else if (code === '30') result.bankId = text;
    else if (code === '31') result.account = text;
    else if (code === '32' || code === '33') names.push(text);
    else if (code === '34') result.textKeyExtension = text;
    else other.push(`${separator}${subfield}`);
  }
  const read = readRemittance(remittance);
  result.remittance = read.text;
  result.keywords = read.keywords;
  result.name = names.length > 0 ? joinSplitLines(names, SUBFIELD_WIDTH) : null;
  result.other = other.length > 0 ? other.join(' ') : null;
  return result;
}

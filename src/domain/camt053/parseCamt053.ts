import { parseIban } from '../account/parseIban.js';
import { parseAmount } from '../money/parseAmount.js';
import { parseCurrency, type Currency } from '../money/currency.js';
import { parseWith } from '../parseWith.js';
import { Statement, StatementEntry, cleanImportedText } from '../statement/statement.js';
import { parseXmlDocument, type XmlElement } from './xmlElement.js';
import { CofferError } from '../../contract/index.js';

/** Bank To Customer Statement V08, and V02 which many banks still deliver. */
export const CAMT053_NAMESPACES = [
  'urn:iso:std:iso:20022:tech:xsd:camt.053.001.08',
  'urn:iso:std:iso:20022:tech:xsd:camt.053.001.02',
] as const;

/** Runs a domain check on one element and names that element when it fails. */
function at<T>(element: XmlElement, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof CofferError) || error.code === 'DOMAIN_BAD_STATEMENT') throw error;
    throw new CofferError('DOMAIN_BAD_STATEMENT', `${element.path}: ${error.message}`, { cause: error });
  }
}

/** A date from a DateAndDateTime2Choice: Dt, or the calendar date as written in DtTm. */
function dateOf(choice: XmlElement): string {
  const date = choice.optional('Dt') ?? choice.optional('DtTm');
  if (!date) throw new CofferError('DOMAIN_BAD_STATEMENT', `expected ${choice.path}/Dt or DtTm, found neither`);
  return date.text().slice(0, 10);
}

/** Name of a party: V08 nests it in Pty (Party40Choice), V02 has Nm directly. */
function partyName(party: XmlElement | undefined): string | null {
  const name = party?.optional('Pty')?.optional('Nm') ?? party?.optional('Nm');
  return name ? cleanImportedText(name.text()) : null;
}

function accountIban(account: XmlElement | undefined): string | null {
  const iban = account?.required('Id').optional('IBAN');
  return iban ? at(iban, () => parseIban(iban.text())) : null;
}

function remittanceOf(transaction: XmlElement | undefined, entry: XmlElement): string {
  const info = transaction?.optional('RmtInf');
  const lines = info?.children('Ustrd').map((line) => line.text()) ?? [];
  const references = info?.children('Strd').flatMap((strd) => strd.optional('CdtrRefInf')?.optional('Ref')?.text() ?? []) ?? [];
  const text = [...lines, ...references].join(' ') || (entry.optional('AddtlNtryInf')?.text() ?? '');
  return cleanImportedText(text);
}

function isBooked(entry: XmlElement): boolean {
  const status = entry.required('Sts');
  // V08: Sts/Cd (EntryStatus1Choice); V02: Sts is the code itself.
  return (status.optional('Cd')?.text() ?? status.text()) === 'BOOK';
}

function readEntry(entry: XmlElement): StatementEntry {
  const amount = entry.required('Amt');
  const currency: Currency = at(amount, () => parseCurrency(amount.attribute('Ccy')));
  const magnitude = at(amount, () => parseAmount(amount.text(), currency));
  const direction = entry.required('CdtDbtInd');
  const sign = direction.text() === 'CRDT' ? 1 : direction.text() === 'DBIT' ? -1 : 0;
  if (sign === 0) throw new CofferError('DOMAIN_BAD_STATEMENT', `expected CRDT or DBIT in ${direction.path}, found another code`);
  const reference = entry.optional('AcctSvcrRef') ?? entry.optional('NtryRef');
  if (!reference) throw new CofferError('DOMAIN_BAD_STATEMENT', `expected element ${entry.path}/AcctSvcrRef or NtryRef, found neither`);
  const transactions = entry.children('NtryDtls').flatMap((details) => details.children('TxDtls'));
  // Party details are only unambiguous when the entry books a single transaction.
  const single = transactions.length === 1 ? transactions[0] : undefined;
  const parties = single?.optional('RltdPties');
  const valueDate = entry.optional('ValDt');
  return parseWith(
    StatementEntry,
    {
      entryRef: cleanImportedText(reference.text()),
      bookingDate: dateOf(entry.required('BookgDt')),
      valueDate: valueDate ? dateOf(valueDate) : null,
      amountMinor: sign * magnitude,
      currency,
      counterpartyName: partyName(sign > 0 ? parties?.optional('Dbtr') : parties?.optional('Cdtr')),
      counterpartyIban: accountIban(sign > 0 ? parties?.optional('DbtrAcct') : parties?.optional('CdtrAcct')),
      remittanceInfo: remittanceOf(single, entry),
    },
    'DOMAIN_BAD_STATEMENT',
    entry.path,
  );
}

function readStatement(statement: XmlElement): Statement {
  const account = statement.required('Acct');
  const iban = account.required('Id').required('IBAN');
  const currencyElement = account.optional('Ccy');
  const firstBalance = statement.children('Bal')[0]?.required('Amt');
  const currencyCode = currencyElement?.text() ?? firstBalance?.attribute('Ccy');
  if (currencyCode === undefined) throw new CofferError('DOMAIN_BAD_STATEMENT', `expected element ${account.path}/Ccy, found none`);
  return parseWith(
    Statement,
    {
      statementId: cleanImportedText(statement.required('Id').text()),
      accountIban: at(iban, () => parseIban(iban.text())),
      currency: at(currencyElement ?? account, () => parseCurrency(currencyCode)),
      entries: statement.children('Ntry').filter(isBooked).map(readEntry),
    },
    'DOMAIN_BAD_STATEMENT',
    statement.path,
  );
}

/**
 * @deprecated Use parseStatementFile (every camt version, entry identities, reconciliation); this reader
 * refuses entries without references and is kept only until the app switches.
 *
 * Reads an ISO 20022 camt.053 (V08 or V02) bank statement file into one Statement per Stmt
 * element, booked entries only (pending ones are not bookings yet). Hostile XML is refused:
 * DTD/ENTITY declarations with DOMAIN_UNSAFE_XML; malformed XML, another namespace, missing
 * required elements, unknown currencies, impossible amounts or IBANs with DOMAIN_BAD_STATEMENT
 * naming the element path (e.g. Document/BkToCstmrStmt/Stmt[0]/Ntry[2]/Amt).
 */
export function parseCamt053(xmlText: string): Statement[] {
  const { root } = parseXmlDocument(xmlText, 'Document', CAMT053_NAMESPACES);
  const message = root.required('BkToCstmrStmt');
  message.required('GrpHdr').required('MsgId');
  const statements = message.children('Stmt');
  if (statements.length === 0) throw new CofferError('DOMAIN_BAD_STATEMENT', `expected element ${message.path}/Stmt, found none`);
  return statements.map(readStatement);
}

import type { EntryDraft, EntryDetail } from '../statement/bookingEntry.js';
import { isCalendarDate } from '../statement/calendarDate.js';
import { cleanOptional, referenceOrNull } from '../statement/cleanText.js';
import { readAmount, readCharges, readCreditDebit, single } from './readCamtAmount.js';
import { readBankTransactionCode, type CamtContext } from './readCamtParty.js';
import { readCamtTransaction, readReferences } from './readCamtTransaction.js';
import { child, joinedTexts, pathOf, textAt, type XmlNode } from './readXmlTree.js';
import { CofferError } from '../../contract/index.js';

/** A date from DateAndDateTime2Choice (Dt, or the calendar date as written in DtTm), or null. */
function readDate(choice: XmlNode | undefined, ctx: CamtContext, required: boolean): string | null {
  if (!choice) return null;
  const written = textAt(choice, 'Dt') ?? textAt(choice, 'DtTm');
  const date = written?.slice(0, 10) ?? '';
  if (isCalendarDate(date)) return date;
  const problem = `expected a date YYYY-MM-DD in ${pathOf(choice)}, found ${written === null ? 'none' : 'another value'}`;
  if (required) throw new CofferError('DOMAIN_BAD_STATEMENT', problem);
  ctx.warnings.push({ code: 'VALUE_IGNORED', where: pathOf(choice), message: `${problem}; left empty` });
  return null;
}

/** Sts: a code in V02–V06 (EntryStatus2Code), Sts/Cd or Sts/Prtry in V07+ (EntryStatus1Choice). */
function readStatus(entry: XmlNode): string {
  const status = single(entry, 'Sts');
  const code = status.children.length > 0 ? (textAt(status, 'Cd') ?? textAt(status, 'Prtry')) : status.text.trim();
  if (!code) throw new CofferError('DOMAIN_BAD_STATEMENT', `expected a status code in ${pathOf(status)}, found none`);
  return code.slice(0, 35);
}

function readBatch(entry: XmlNode): EntryDraft['batch'] {
  let batch: XmlNode | undefined;
  for (const group of entry.children) if (group.name === 'NtryDtls') batch ??= child(group, 'Btch');
  if (!batch) return null;
  const count = textAt(batch, 'NbOfTxs');
  const total = child(batch, 'TtlAmt');
  return {
    messageId: textAt(batch, 'MsgId'),
    paymentInformationId: textAt(batch, 'PmtInfId'),
    count: count !== null && /^[0-9]{1,15}$/.test(count) ? Number(count) : null,
    total: total ? readAmount(total) : null,
  };
}

/**
 * One camt Ntry as an EntryDraft (identity and occurrence are given for the whole statement later). Amount, direction and status are required and refused naming the element when missing or
 * malformed; a booked entry without BookgDt takes its value date. Every TxDtls becomes a detail; the
 * counterparty, remittance and transaction references of a single-transaction entry are the entry's.
 */
export function readCamtEntry(entry: XmlNode, position: number, statementId: string | null, ctx: CamtContext): EntryDraft {
  const where = pathOf(entry);
  const magnitude = readAmount(single(entry, 'Amt'));
  const creditDebit = readCreditDebit(single(entry, 'CdtDbtInd'));
  const credit = creditDebit === 'CRDT';
  const reversalText = textAt(entry, 'RvslInd');
  const reversal = reversalText === 'true' || reversalText === '1';
  const status = readStatus(entry);
  const booked = status === 'BOOK';
  const valueDate = readDate(child(entry, 'ValDt'), ctx, false);
  let bookingDate = readDate(child(entry, 'BookgDt'), ctx, false);
  if (bookingDate === null && booked) {
    if (valueDate === null) throw new CofferError('DOMAIN_BAD_STATEMENT', `expected ${where}/BookgDt or ValDt on a booked entry, found neither`);
    ctx.warnings.push({ code: 'VALUE_IGNORED', where, message: 'the booked entry gives no booking date; its value date is used' });
    bookingDate = valueDate;
  }
  const details: EntryDetail[] = [];
  for (const group of entry.children) {
    if (group.name !== 'NtryDtls') continue;
    for (const transaction of group.children) {
      if (transaction.name === 'TxDtls') details.push(readCamtTransaction(transaction, details.length + 1, credit, reversal, ctx));
    }
  }
  const only = details.length === 1 ? details[0] : undefined;
  const batch = readBatch(entry);
  // The entry's own references (AcctSvcrRef, NtryRef), and a single transaction's as the entry's.
  const accountServicer = referenceOrNull(textAt(entry, 'AcctSvcrRef'));
  const entryRef = referenceOrNull(textAt(entry, 'NtryRef'));
  const references = only
    ? { ...only.references, accountServicer: accountServicer ?? only.references.accountServicer, entry: entryRef }
    : { ...readReferences(undefined, entry), paymentInformation: batch?.paymentInformationId ?? null };
  return {
    position,
    where,
    statementId,
    status,
    booked,
    bookingDate,
    valueDate,
    amount: { minor: credit ? magnitude.minor : -magnitude.minor, currency: magnitude.currency },
    creditDebit,
    reversal,
    references,
    counterparty: only?.counterparty ?? null,
    remittance: only?.remittance ?? '',
    additionalInfo: cleanOptional(joinedTexts(entry, 'AddtlNtryInf'), `${where}/AddtlNtryInf`, ctx.warnings),
    postingText: null,
    bankTransactionCode: readBankTransactionCode(child(entry, 'BkTxCd')) ?? only?.bankTransactionCode ?? null,
    returnReason: only?.returnReason ?? null,
    charges: readCharges(entry),
    batch,
    details,
  };
}

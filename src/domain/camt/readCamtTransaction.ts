import type { Money } from '../money/money.js';
import type { EntryDetail, EntryReferences } from '../statement/bookingEntry.js';
import { cleanOptional, cleanText, joinSplitLines, referenceOrNull } from '../statement/cleanText.js';
import { readAmount, readCharges, readCreditDebit } from './readCamtAmount.js';
import { readBankTransactionCode, readCounterparty, readCreditorId, type CamtContext } from './readCamtParty.js';
import { child, childrenNamed, joinedTexts, pathOf, textAt, type XmlNode } from './readXmlTree.js';

/** Ustrd lines are Max140Text, but banks cut text into 35-character lines (the old MT line width). */
export const USTRD_LINE_WIDTH = 35;

/** References of a TxDtls (or, for the entry itself, its AcctSvcrRef and NtryRef). */
export function readReferences(transaction: XmlNode | undefined, entry: XmlNode | null): EntryReferences {
  const refs = child(transaction, 'Refs');
  const info = child(transaction, 'RmtInf');
  let creditorReference: string | null = null;
  for (const strd of info?.children ?? []) if (strd.name === 'Strd') creditorReference ??= textAt(strd, 'CdtrRefInf', 'Ref');
  return {
    accountServicer: referenceOrNull(entry ? textAt(entry, 'AcctSvcrRef') : textAt(refs, 'AcctSvcrRef')),
    entry: entry ? referenceOrNull(textAt(entry, 'NtryRef')) : null,
    endToEnd: referenceOrNull(textAt(refs, 'EndToEndId')),
    mandate: referenceOrNull(textAt(refs, 'MndtId')),
    instruction: referenceOrNull(textAt(refs, 'InstrId')),
    transaction: referenceOrNull(textAt(refs, 'TxId') ?? textAt(refs, 'UETR')),
    paymentInformation: referenceOrNull(textAt(refs, 'PmtInfId')),
    creditorId: transaction ? readCreditorId(transaction) : null,
    creditorReference,
    customer: null,
    primaNota: null,
  };
}

/**
 * Remittance text: the Ustrd lines joined as the bank split them (no space at a 35-character cut);
 * without Ustrd, the structured references and AddtlRmtInf lines.
 */
export function readRemittance(transaction: XmlNode | undefined, ctx: CamtContext): string {
  const info = child(transaction, 'RmtInf');
  if (!info) return '';
  const lines = childrenNamed(info, 'Ustrd').map((line) => line.text);
  const where = (): string => pathOf(info);
  if (lines.length > 0) return cleanText(joinSplitLines(lines, USTRD_LINE_WIDTH), where, ctx.warnings);
  const structured = childrenNamed(info, 'Strd').flatMap((strd) => [
    textAt(strd, 'CdtrRefInf', 'Ref') ?? '',
    ...childrenNamed(strd, 'AddtlRmtInf').map((line) => line.text),
  ]);
  return cleanText(structured.filter((part) => part.trim() !== '').join(' '), where, ctx.warnings);
}

/** The transaction's own amount: Amt (V03+) or AmtDtls/TxAmt/Amt (V02), signed by its direction. */
function readTransactionAmount(transaction: XmlNode, entryCredit: boolean): Money | null {
  const node = child(transaction, 'Amt') ?? child(child(child(transaction, 'AmtDtls'), 'TxAmt'), 'Amt');
  if (!node) return null;
  const amount = readAmount(node);
  const direction = child(transaction, 'CdtDbtInd');
  const credit = direction ? readCreditDebit(direction) === 'CRDT' : entryCredit;
  return { minor: credit ? amount.minor : -amount.minor, currency: amount.currency };
}

/** One TxDtls of an entry as an EntryDetail. */
export function readCamtTransaction(transaction: XmlNode, position: number, credit: boolean, reversal: boolean, ctx: CamtContext): EntryDetail {
  const returnInfo = child(transaction, 'RtrInf');
  const where = (): string => pathOf(transaction);
  return {
    position,
    amount: readTransactionAmount(transaction, credit),
    references: readReferences(transaction, null),
    counterparty: readCounterparty(transaction, credit, reversal, ctx),
    remittance: readRemittance(transaction, ctx),
    additionalInfo: cleanOptional(joinedTexts(transaction, 'AddtlTxInf'), () => `${where()}/AddtlTxInf`, ctx.warnings),
    returnReason: textAt(returnInfo, 'Rsn', 'Cd') ?? textAt(returnInfo, 'Rsn', 'Prtry'),
    returnInfo: cleanOptional(joinedTexts(returnInfo, 'AddtlInf'), () => `${where()}/RtrInf`, ctx.warnings),
    bankTransactionCode: readBankTransactionCode(child(transaction, 'BkTxCd')),
    charges: readCharges(transaction),
  };
}

import { parseCurrency, type Currency } from '../money/currency.js';
import type { Money } from '../money/money.js';
import type { EntryDraft } from '../statement/bookingEntry.js';
import { cleanOptional } from '../statement/cleanText.js';
import { parseIsoDecimal } from '../statement/decimalToMinor.js';
import type { StatementAccount, StatementBalance, TransactionsSummary } from '../statement/parsedStatement.js';
import type { StatementDraft } from '../statement/finishStatement.js';
import type { CamtMessageType } from './camtMessageType.js';
import { atElement, readCreditDebit, readSignedAmount } from './readCamtAmount.js';
import { readAccountId, type CamtContext } from './readCamtParty.js';
import { child, childrenNamed, pathOf, textAt, type XmlNode } from './readXmlTree.js';
import { CofferError } from '../../contract/index.js';

/** The statement's account: IBAN and/or Othr/Id (both kept for matching), currency, names, servicer. */
export function readCamtAccount(statement: XmlNode, ctx: CamtContext): StatementAccount {
  const account = child(statement, 'Acct');
  if (!account) throw new CofferError('DOMAIN_BAD_STATEMENT', `expected element ${pathOf(statement)}/Acct, found none`);
  const { iban, account: otherId } = readAccountId(child(account, 'Id'), ctx);
  if (iban === null && otherId === null) {
    throw new CofferError('DOMAIN_BAD_STATEMENT', `expected ${pathOf(account)}/Id/IBAN or Id/Othr/Id, found neither`);
  }
  const currency = child(account, 'Ccy');
  const owner = child(account, 'Ownr');
  const servicer = child(child(account, 'Svcr'), 'FinInstnId');
  return {
    iban,
    otherId,
    currency: currency ? atElement(currency, () => parseCurrency(currency.text.trim())) : null,
    name: cleanOptional(textAt(account, 'Nm'), () => `${pathOf(account)}/Nm`, ctx.warnings, 140),
    ownerName: cleanOptional(textAt(owner, 'Nm') ?? textAt(owner, 'Pty', 'Nm'), () => `${pathOf(account)}/Ownr`, ctx.warnings, 140),
    servicerBic: textAt(servicer, 'BICFI') ?? textAt(servicer, 'BIC'),
  };
}

/** Bal: type code (Cd, else Prtry), signed amount, date (Dt/Dt or the date of Dt/DtTm). */
function readBalance(balance: XmlNode): StatementBalance {
  const type = child(child(balance, 'Tp'), 'CdOrPrtry');
  return {
    type: (textAt(type, 'Cd') ?? textAt(type, 'Prtry') ?? 'UNKNOWN').slice(0, 35),
    amount: readSignedAmount(balance),
    date: (textAt(balance, 'Dt', 'Dt') ?? textAt(balance, 'Dt', 'DtTm'))?.slice(0, 10) ?? null,
  };
}

/** TxsSummry: counts and sums (DecimalNumber, in the statement's currency) of all, credit and debit entries. */
function readSummary(statement: XmlNode, currency: Currency | null): TransactionsSummary | null {
  const summary = child(statement, 'TxsSummry');
  if (!summary) return null;
  const count = (group: XmlNode | undefined): number | null => {
    const value = textAt(group, 'NbOfNtries');
    return value !== null && /^[0-9]{1,15}$/.test(value) ? Number(value) : null;
  };
  const sum = (group: XmlNode | undefined, name = 'Sum'): Money | null => {
    const node = child(group, name);
    return node && currency ? { minor: atElement(node, () => parseIsoDecimal(node.text, currency)), currency } : null;
  };
  const totals = child(summary, 'TtlNtries');
  // V02–V03: TtlNetNtryAmt + CdtDbtInd in TtlNtries; V04+: TtlNetNtry/Amt + CdtDbtInd.
  const netGroup = child(totals, 'TtlNetNtry');
  const netAmount = netGroup ? sum(netGroup, 'Amt') : sum(totals, 'TtlNetNtryAmt');
  const netDirection = child(netGroup ?? totals, 'CdtDbtInd');
  const net = netAmount && netDirection && readCreditDebit(netDirection) === 'DBIT' ? { ...netAmount, minor: -netAmount.minor } : netAmount;
  const credits = child(summary, 'TtlCdtNtries');
  const debits = child(summary, 'TtlDbtNtries');
  return {
    entries: totals ? { count: count(totals), sum: sum(totals), net } : null,
    credits: credits ? { count: count(credits), sum: sum(credits) } : null,
    debits: debits ? { count: count(debits), sum: sum(debits) } : null,
  };
}

/** A Stmt (Rpt, Ntfctn) with its entries already read, as a draft for finishStatement. */
export function readCamtStatement(
  statement: XmlNode,
  entries: EntryDraft[],
  type: CamtMessageType,
  messageId: string | null,
  account: StatementAccount,
  ctx: CamtContext,
): StatementDraft {
  const balances = childrenNamed(statement, 'Bal').map(readBalance);
  const currency = account.currency ?? balances[0]?.amount.currency ?? entries[0]?.amount.currency ?? null;
  const period = child(statement, 'FrToDt');
  const info = childrenNamed(statement, `Addtl${type.statementElement}Inf`);
  return {
    format: type.id,
    kind: type.kind,
    messageId,
    statementId: textAt(statement, 'Id'),
    electronicSequence: textAt(statement, 'ElctrncSeqNb'),
    legalSequence: textAt(statement, 'LglSeqNb'),
    createdAt: textAt(statement, 'CreDtTm'),
    period: { from: textAt(period, 'FrDtTm') ?? textAt(period, 'FrDt'), to: textAt(period, 'ToDtTm') ?? textAt(period, 'ToDt') },
    account: { ...account, currency },
    balances,
    summary: readSummary(statement, currency),
    entries,
    additionalInfo: cleanOptional(info.map((line) => line.text).join(' '), () => `${pathOf(statement)}/AddtlInf`, ctx.warnings),
    warnings: ctx.warnings,
    csv: null,
  };
}

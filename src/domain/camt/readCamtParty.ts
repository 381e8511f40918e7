import type { Iban } from '../account/parseIban.js';
import { cachedIban } from '../statement/cachedIban.js';
import type { BankTransactionCode, Counterparty } from '../statement/bookingEntry.js';
import { cleanOptional } from '../statement/cleanText.js';
import type { ImportWarning } from '../statement/importWarning.js';
import { child, pathOf, textAt, type XmlNode } from './readXmlTree.js';
import { CofferError } from '../../contract/index.js';

/** Shared by the camt readers: the statement's warnings and its own account, to tell parties apart. */
export interface CamtContext {
  warnings: ImportWarning[];
  ownIban: string | null;
}

/**
 * An account identification (CashAccount Id): a valid IBAN as `iban`; an Othr/Id, or an IBAN whose
 * check digits fail (anonymised samples, typing errors at the bank), as text in `account`, with an
 * IBAN_KEPT_AS_TEXT warning: an optional field never costs the booking.
 */
export function readAccountId(id: XmlNode | undefined, ctx: CamtContext): { iban: Iban | null; account: string | null } {
  if (!id) return { iban: null, account: null };
  const ibanNode = child(id, 'IBAN');
  if (ibanNode) {
    const raw = ibanNode.text.trim();
    try {
      return { iban: cachedIban(raw), account: null };
    } catch (error) {
      if (!(error instanceof CofferError)) throw error;
      const where = pathOf(ibanNode);
      ctx.warnings.push({ code: 'IBAN_KEPT_AS_TEXT', where, message: `${error.message}; kept as text` });
      return { iban: null, account: cleanOptional(raw, where, ctx.warnings, 64) };
    }
  }
  const other = child(child(id, 'Othr'), 'Id');
  return { iban: null, account: other ? cleanOptional(other.text, () => pathOf(other), ctx.warnings, 64) : null };
}

/** A party's name: V02–V07 PartyIdentification (Nm), V08+ Party40Choice (Pty/Nm). */
function partyName(party: XmlNode | undefined, ctx: CamtContext): string | null {
  const name = child(child(party, 'Pty'), 'Nm') ?? child(party, 'Nm') ?? child(child(child(party, 'Agt'), 'FinInstnId'), 'Nm');
  return name ? cleanOptional(name.text, () => pathOf(name), ctx.warnings, 140) : null;
}

function bankId(agent: XmlNode | undefined): string | null {
  const institution = child(agent, 'FinInstnId');
  return textAt(institution, 'BICFI') ?? textAt(institution, 'BIC') ?? textAt(institution, 'ClrSysMmbId', 'MmbId');
}

type Side = 'Dbtr' | 'Cdtr';

function readSide(parties: XmlNode | undefined, agents: XmlNode | undefined, side: Side, ctx: CamtContext): Counterparty | null {
  const party = child(parties, side);
  const { iban, account } = readAccountId(child(child(parties, `${side}Acct`), 'Id'), ctx);
  const counterparty: Counterparty = {
    name: partyName(party, ctx),
    iban,
    account,
    bankId: bankId(child(agents, `${side}Agt`)),
    ultimateName: partyName(child(parties, `Ultmt${side}`), ctx),
  };
  const empty = counterparty.name === null && iban === null && account === null && counterparty.bankId === null;
  return empty ? null : counterparty;
}

/**
 * The other party of a transaction: the debtor of a credit and the creditor of a debit; for a
 * reversal (a return, an SDD reject) the original direction's party, i.e. the other side. If that side
 * is empty, the other side is taken unless it is the statement's own account.
 */
export function readCounterparty(transaction: XmlNode, credit: boolean, reversal: boolean, ctx: CamtContext): Counterparty | null {
  const parties = child(transaction, 'RltdPties');
  const agents = child(transaction, 'RltdAgts');
  const first: Side = credit !== reversal ? 'Dbtr' : 'Cdtr';
  const chosen = readSide(parties, agents, first, ctx);
  if (chosen && (chosen.name !== null || chosen.iban !== null || chosen.account !== null)) return chosen;
  const other = readSide(parties, agents, first === 'Dbtr' ? 'Cdtr' : 'Dbtr', ctx);
  if (other && other.iban !== null && other.iban === ctx.ownIban) return chosen;
  return other ?? chosen;
}

/** SEPA creditor identifier: Cdtr (Pty)/Id/PrvtId/Othr/Id, preferring the scheme "SEPA". */
export function readCreditorId(transaction: XmlNode): string | null {
  const creditor = child(child(transaction, 'RltdPties'), 'Cdtr');
  const id = child(child(creditor, 'Pty'), 'Id') ?? child(creditor, 'Id');
  const others = child(id, 'PrvtId')?.children.filter((node) => node.name === 'Othr') ?? [];
  const sepa = others.find((other) => textAt(other, 'SchmeNm', 'Prtry') === 'SEPA') ?? others[0];
  return textAt(sepa, 'Id');
}

/** BkTxCd: Domn/Cd, Domn/Fmly/Cd, Domn/Fmly/SubFmlyCd, Prtry/Cd, Prtry/Issr. */
export function readBankTransactionCode(code: XmlNode | undefined): BankTransactionCode | null {
  if (!code) return null;
  const domain = child(code, 'Domn');
  const family = child(domain, 'Fmly');
  const proprietary = child(code, 'Prtry');
  const result: BankTransactionCode = {
    domain: textAt(domain, 'Cd'),
    family: textAt(family, 'Cd'),
    subFamily: textAt(family, 'SubFmlyCd'),
    proprietary: textAt(proprietary, 'Cd'),
    proprietaryIssuer: textAt(proprietary, 'Issr'),
    swiftType: null,
    textKeyExtension: null,
  };
  const empty = result.domain === null && result.family === null && result.subFamily === null && result.proprietary === null && result.proprietaryIssuer === null;
  return empty ? null : result;
}

import type { Currency } from '../money/currency.js';
import type { EntryDraft, Counterparty, EntryReferences } from '../statement/bookingEntry.js';
import { cachedIban } from '../statement/cachedIban.js';
import { cleanOptional, cleanText, referenceOrNull } from '../statement/cleanText.js';
import type { ImportWarning } from '../statement/importWarning.js';
import { readInformationField, type InformationField } from './readInformationField.js';
import { readStatementLine } from './readStatementLine.js';
import type { SwiftField } from './splitSwiftMessages.js';

const IBAN_SHAPE = /^[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}$/;

/** ?31 (or IBAN+): a valid IBAN as such; an IBAN failing its check as text with a warning; else a national number. */
function readAccount(text: string | null, where: string, warnings: ImportWarning[]): { iban: Counterparty['iban']; account: string | null } {
  const value = text?.replace(/\s+/g, '') ?? '';
  if (value === '') return { iban: null, account: null };
  if (!IBAN_SHAPE.test(value)) return { iban: null, account: cleanOptional(value, where, warnings, 64) };
  try {
    return { iban: cachedIban(value), account: null };
  } catch (error) {
    warnings.push({ code: 'IBAN_KEPT_AS_TEXT', where, message: `${(error as Error).message}; kept as text` });
    return { iban: null, account: cleanOptional(value, where, warnings, 64) };
  }
}

function readCounterparty(info: InformationField, where: string, warnings: ImportWarning[]): Counterparty | null {
  const { iban, account } = readAccount(info.account ?? info.keywords.get('IBAN') ?? null, `${where} ?31`, warnings);
  const party: Counterparty = {
    name: cleanOptional(info.name, `${where} ?32`, warnings, 140),
    iban,
    account,
    bankId: cleanOptional(info.bankId ?? info.keywords.get('BIC'), `${where} ?30`, warnings, 35),
    ultimateName: cleanOptional(info.keywords.get('ABWA') ?? info.keywords.get('ABWE'), `${where} ABWA`, warnings, 140),
  };
  return party.name === null && party.iban === null && party.account === null && party.bankId === null && party.ultimateName === null ? null : party;
}

/**
 * One booking of an MT940/MT942 message: field :61: and the :86: that follows it (if any). Amount
 * signed by C/D/RC/RD; references from :61: (customer, bank) and the SEPA keywords of :86: (EREF,
 * MREF, CRED, KREF); the German subfields give posting text, primanota, counterparty and text key.
 */
export function readMt940Entry(line: SwiftField, information: SwiftField | null, currency: Currency, position: number, statementId: string | null, warnings: ImportWarning[]): EntryDraft {
  const where = `line ${line.line}`;
  const booking = readStatementLine(line, currency);
  const info = information ? readInformationField(information.value) : null;
  const keyword = (name: string) => cleanOptional(referenceOrNull(info?.keywords.get(name) ?? null), `${where} ${name}+`, warnings, 140);
  const references: EntryReferences = {
    accountServicer: booking.bankReference,
    entry: null,
    endToEnd: keyword('EREF'),
    mandate: keyword('MREF'),
    instruction: null,
    transaction: null,
    paymentInformation: null,
    creditorId: keyword('CRED'),
    creditorReference: null,
    customer: booking.customerReference ?? keyword('KREF'),
    primaNota: cleanOptional(info?.primaNota, `${where} ?10`, warnings, 35),
  };
  const credit = booking.creditDebit === 'CRDT';
  const other = [info?.other, booking.supplementary].filter((part): part is string => part !== null && part !== undefined).join(' ');
  return {
    position,
    where,
    statementId,
    status: 'BOOK',
    booked: true,
    bookingDate: booking.bookingDate,
    valueDate: booking.valueDate,
    amount: { minor: credit ? booking.amount : -booking.amount, currency },
    creditDebit: booking.creditDebit,
    reversal: booking.reversal,
    references,
    counterparty: info ? readCounterparty(info, where, warnings) : null,
    remittance: info ? cleanText(info.remittance, `${where} :86:`, warnings) : '',
    additionalInfo: cleanOptional(other, `${where} :86:`, warnings),
    postingText: cleanOptional(info?.postingText, `${where} ?00`, warnings, 140),
    bankTransactionCode: {
      domain: null,
      family: null,
      subFamily: null,
      proprietary: info?.transactionCode ?? null,
      proprietaryIssuer: info?.transactionCode ? 'DK' : null,
      swiftType: booking.swiftType,
      textKeyExtension: info?.textKeyExtension ?? null,
    },
    returnReason: keyword('RTRN'),
    charges: [],
    batch: null,
    details: [],
  };
}

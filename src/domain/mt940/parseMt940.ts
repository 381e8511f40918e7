import { parseIban, type Iban } from '../account/parseIban.js';
import type { Currency } from '../money/currency.js';
import type { EntryDraft } from '../statement/bookingEntry.js';
import { cleanOptional } from '../statement/cleanText.js';
import type { StatementDraft } from '../statement/finishStatement.js';
import type { ImportWarning } from '../statement/importWarning.js';
import type { StatementAccount, StatementBalance, TransactionsSummary } from '../statement/parsedStatement.js';
import { readSwiftBalance, readSwiftCurrency, readSwiftDateTime, readSwiftTotal } from './readMt940Amounts.js';
import { readMt940Entry } from './readMt940Entry.js';
import { splitSwiftMessages, type SwiftField, type SwiftMessage } from './splitSwiftMessages.js';
import { CofferError } from '../../contract/index.js';

const BALANCE_TYPES: Record<string, string> = { '60F': 'OPBD', '60M': 'OPBD', '62F': 'CLBD', '62M': 'CLBD', '64': 'CLAV', '65': 'FWAV' };

/** :25: — an IBAN, or "BLZ/account", "BIC/account" (with a currency suffix some banks add). */
function readAccount(field: SwiftField | undefined, currency: Currency | null, warnings: ImportWarning[]): StatementAccount {
  const value = field?.value.trim() ?? '';
  if (value === '') throw new CofferError('DOMAIN_BAD_STATEMENT', `expected field :25: naming the account, found ${field ? 'it empty' : 'none'}`);
  let iban: Iban | null = null;
  try {
    iban = parseIban(value);
  } catch {
    // Not an IBAN: kept as the national form; the app matches it.
  }
  return { iban, otherId: iban ? null : cleanOptional(value, `line ${field?.line} :25:`, warnings, 64), currency, name: null, ownerName: null, servicerBic: null };
}

/** The statement's currency: from the balances, else MT942's :34F: floor limit or :90D:/:90C:. */
function messageCurrency(message: SwiftMessage, balances: StatementBalance[]): Currency | null {
  if (balances[0]) return balances[0].amount.currency;
  const field = message.fields.find((candidate) => candidate.tag === '34F' || candidate.tag === '90D' || candidate.tag === '90C');
  const code = field ? /([A-Z]{3})/.exec(field.value)?.[1] : undefined;
  return field && code ? readSwiftCurrency(code, field) : null;
}

function readMessage(message: SwiftMessage): StatementDraft {
  const warnings: ImportWarning[] = [];
  const tags = new Set(message.fields.map((field) => field.tag));
  const interim = !tags.has('60F') && !tags.has('60M') && (tags.has('34F') || tags.has('13D') || tags.has('90D') || tags.has('90C'));
  const balances = message.fields.filter((field) => BALANCE_TYPES[field.tag] !== undefined).map((field) => readSwiftBalance(field, BALANCE_TYPES[field.tag] as string));
  const currency = messageCurrency(message, balances);
  const field = (tag: string) => message.fields.find((candidate) => candidate.tag === tag);
  const reference = field('20')?.value.trim() || null;
  const sequence = field('28C')?.value.trim() || field('28')?.value.trim() || null;
  const statementId = cleanOptional([reference, sequence].filter((part) => part !== null).join('/'), `line ${message.line}`, warnings, 70);
  const entries: EntryDraft[] = [];
  const info: string[] = [];
  for (let i = 0; i < message.fields.length; i++) {
    const current = message.fields[i] as SwiftField;
    if (current.tag === '61') {
      if (currency === null) throw new CofferError('DOMAIN_BAD_STATEMENT', `line ${current.line}: expected the currency from :60F: (or :34F: in MT942) before the first :61:, found none`);
      const next = message.fields[i + 1];
      const information = next?.tag === '86' ? next : null;
      entries.push(readMt940Entry(current, information, currency, entries.length + 1, statementId, warnings));
      if (information) i += 1;
    } else if (current.tag === '86') {
      info.push(current.value.replace(/\n/g, ''));
    }
  }
  const debits = field('90D');
  const credits = field('90C');
  const summary: TransactionsSummary | null = debits || credits
    ? { entries: null, debits: debits ? readSwiftTotal(debits) : null, credits: credits ? readSwiftTotal(credits) : null }
    : null;
  const created = field('13D');
  return {
    format: interim ? 'mt942' : 'mt940',
    kind: interim ? 'report' : 'statement',
    messageId: null,
    statementId,
    electronicSequence: sequence,
    legalSequence: null,
    createdAt: created ? readSwiftDateTime(created) : null,
    period: { from: null, to: null },
    account: readAccount(field('25'), currency, warnings),
    balances,
    summary,
    entries,
    additionalInfo: cleanOptional(info.join(' '), `line ${message.line} :86:`, warnings),
    warnings,
    csv: null,
  };
}

/**
 * Reads SWIFT MT940 (customer statement) and MT942 (interim report) text, several messages per file,
 * with the German DK structure of field :86:. One draft per message: account (:25:), reference
 * (:20:/:28C:), balances (:60F/M: opening, :62F/M: closing, :64:, :65:), entries (:61: + :86:), and
 * for MT942 the :90D:/:90C: totals. Refuses malformed fields with DOMAIN_BAD_STATEMENT naming the
 * line and field.
 */
export function parseMt940(text: string): StatementDraft[] {
  const messages = splitSwiftMessages(text);
  if (messages.length === 0) throw new CofferError('DOMAIN_BAD_STATEMENT', 'expected at least one MT940 message (fields :20:, :25:, :60F: …), found none');
  return messages.map(readMessage);
}

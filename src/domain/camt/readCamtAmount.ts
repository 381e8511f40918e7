import { knownCurrency } from '../statement/knownCurrency.js';
import type { Money } from '../money/money.js';
import type { Charge, CreditDebit } from '../statement/bookingEntry.js';
import { parseIsoDecimal } from '../statement/decimalToMinor.js';
import { attribute, child, childrenNamed, pathOf, textAt, type XmlNode } from './readXmlTree.js';
import { CofferError } from '../../contract/index.js';

/** Turns a domain refusal inside one element into DOMAIN_BAD_STATEMENT naming that element. */
export function atElement<T>(node: XmlNode, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof CofferError) || error.code === 'DOMAIN_BAD_STATEMENT' || error.code === 'DOMAIN_UNSAFE_XML') throw error;
    throw new CofferError('DOMAIN_BAD_STATEMENT', `${pathOf(node)}: ${error.message}`, { cause: error });
  }
}

/** The only child of that name; refuses a missing or repeated one naming the path. */
export function single(node: XmlNode, name: string): XmlNode {
  let found: XmlNode | undefined;
  let count = 0;
  for (const candidate of node.children) {
    if (candidate.name !== name) continue;
    found ??= candidate;
    count += 1;
  }
  if (count !== 1 || !found) {
    throw new CofferError('DOMAIN_BAD_STATEMENT', `expected one element ${pathOf(node)}/${name}, found ${count === 0 ? 'none' : count}`);
  }
  return found;
}

/** An amount element with its Ccy attribute (ActiveOrHistoricCurrencyAndAmount), unsigned. */
export function readAmount(node: XmlNode): Money {
  try {
    const currency = knownCurrency(attribute(node, 'Ccy'));
    return { minor: parseIsoDecimal(node.text, currency), currency };
  } catch (error) {
    if (!(error instanceof CofferError)) throw error;
    throw new CofferError('DOMAIN_BAD_STATEMENT', `${pathOf(node)}: ${error.message}`, { cause: error });
  }
}

/** CRDT or DBIT from a CdtDbtInd element; refuses any other code naming the path. */
export function readCreditDebit(node: XmlNode): CreditDebit {
  const code = node.text.trim();
  if (code !== 'CRDT' && code !== 'DBIT') {
    throw new CofferError('DOMAIN_BAD_STATEMENT', `expected CRDT or DBIT in ${pathOf(node)}, found ${code ? `"${code.slice(0, 8)}"` : 'nothing'}`);
  }
  return code;
}

/** A signed amount: Amt and CdtDbtInd children of `parent` (balances, net sums). */
export function readSignedAmount(parent: XmlNode, amountName = 'Amt'): Money {
  const amount = readAmount(single(parent, amountName));
  const direction = child(parent, 'CdtDbtInd');
  const sign = direction && readCreditDebit(direction) === 'DBIT' ? -1 : 1;
  return { minor: sign * amount.minor, currency: amount.currency };
}

function readCharge(record: XmlNode): Charge | null {
  const amount = child(record, 'Amt');
  if (!amount) return null;
  const direction = child(record, 'CdtDbtInd');
  const included = textAt(record, 'ChrgInclInd');
  return {
    amount: readAmount(amount),
    creditDebit: direction ? readCreditDebit(direction) : null,
    includedInEntry: included === null ? null : included === 'true' || included === '1',
    type: textAt(record, 'Tp', 'Cd') ?? textAt(record, 'Tp', 'Prtry', 'Id') ?? textAt(record, 'Tp', 'Prtry') ?? textAt(record, 'Tp'),
  };
}

/** Chrgs: V04+ one Chrgs with Rcrd children; V02–V03 repeated Chrgs, each a record itself. */
export function readCharges(parent: XmlNode): Charge[] {
  const charges: Charge[] = [];
  for (const group of childrenNamed(parent, 'Chrgs')) {
    const records = childrenNamed(group, 'Rcrd');
    for (const record of records.length > 0 ? records : [group]) {
      const charge = readCharge(record);
      if (charge) charges.push(charge);
    }
  }
  return charges;
}

import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { formatAmount } from '../money/formatAmount.js';
import { sumMoney } from '../money/sumMoney.js';
import type { Payment } from '../payment/parsePayment.js';
import { checkPain001Request, type Pain001Request } from './pain001Request.js';
import { toSepaText } from './toSepaText.js';

/** ISO 20022 Customer Credit Transfer Initiation V09. */
export const PAIN001_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.09';

// EPC132-08: Dbtr/Nm and Cdtr/Nm are restricted to 70 characters, Ustrd to 140.
const NAME_LENGTH = 70;
const REMITTANCE_LENGTH = 140;

/** Text as it goes into the file: the SEPA character set for EUR, the UTF-8 text itself otherwise. */
type TextRule = (text: string, field: string, maxLength: number) => string;
const keepText: TextRule = (text) => text;

function total(payments: readonly Payment[]): string {
  const currency = payments[0]?.currency ?? 'EUR';
  const sum = sumMoney(payments.map((payment) => ({ minor: payment.amountMinor, currency })), currency);
  return formatAmount(sum.minor, currency);
}

interface Numbered {
  payment: Payment;
  index: number;
}

function groupByExecutionDate(payments: readonly Payment[]): [string, Numbered[]][] {
  const groups = new Map<string, Numbered[]>();
  payments.forEach((payment, index) => {
    const group = groups.get(payment.executionDate) ?? [];
    group.push({ payment, index });
    groups.set(payment.executionDate, group);
  });
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
}

function agent(parent: XMLBuilder, name: string, bic: string | undefined): void {
  const institution = parent.ele(name).ele('FinInstnId');
  // EPC convention when the debtor's BIC is not given: Othr/Id "NOTPROVIDED".
  if (bic) institution.ele('BICFI').txt(bic);
  else institution.ele('Othr').ele('Id').txt('NOTPROVIDED');
}

/**
 * Writes a pain.001.001.09 credit transfer file with xmlbuilder2 (every value escaped by the
 * builder, never concatenated). EUR gives a SEPA credit transfer per the EPC SCT C2PSP rules
 * (SvcLvl SEPA, ChrgBr SLEV, IBAN only, texts in the SEPA character set); any other currency a
 * generic ISO 20022 message (ChrgBr SHAR, UTF-8 texts, BIC where known). One PmtInf per execution
 * date. Refuses with DOMAIN_BAD_EXPORT, DOMAIN_BAD_CHARSET or DOMAIN_CURRENCY_MISMATCH.
 */
export function buildPain001(input: Pain001Request): string {
  const request = checkPain001Request(input);
  const payments = request.payments;
  const sepa = payments[0]?.currency === 'EUR';
  const text: TextRule = sepa ? toSepaText : keepText;

  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const initiation = doc.ele(PAIN001_NAMESPACE, 'Document').ele('CstmrCdtTrfInitn');
  const header = initiation.ele('GrpHdr');
  header.ele('MsgId').txt(request.messageId);
  header.ele('CreDtTm').txt(request.createdAt);
  header.ele('NbOfTxs').txt(String(payments.length));
  header.ele('CtrlSum').txt(total(payments));
  header.ele('InitgPty').ele('Nm').txt(text(request.initiatingParty.name, 'initiating party name', NAME_LENGTH));
  const debtorName = text(request.debtor.name, 'debtor name', NAME_LENGTH);

  groupByExecutionDate(payments).forEach(([executionDate, group], groupIndex) => {
    const block = initiation.ele('PmtInf');
    block.ele('PmtInfId').txt(`${request.messageId}-${groupIndex + 1}`);
    block.ele('PmtMtd').txt('TRF');
    block.ele('BtchBookg').txt(String(request.batchBooking));
    block.ele('NbOfTxs').txt(String(group.length));
    block.ele('CtrlSum').txt(total(group.map(({ payment }) => payment)));
    if (sepa) block.ele('PmtTpInf').ele('SvcLvl').ele('Cd').txt('SEPA');
    block.ele('ReqdExctnDt').ele('Dt').txt(executionDate);
    block.ele('Dbtr').ele('Nm').txt(debtorName);
    block.ele('DbtrAcct').ele('Id').ele('IBAN').txt(request.debtor.iban);
    agent(block, 'DbtrAgt', request.debtor.bic);
    block.ele('ChrgBr').txt(sepa ? 'SLEV' : 'SHAR');
    for (const { payment, index } of group) {
      const at = `payments[${index}]`;
      const transaction = block.ele('CdtTrfTxInf');
      const id = transaction.ele('PmtId');
      id.ele('InstrId').txt(payment.id);
      id.ele('EndToEndId').txt(payment.id);
      transaction.ele('Amt').ele('InstdAmt', { Ccy: payment.currency }).txt(formatAmount(payment.amountMinor, payment.currency));
      if (payment.creditor.bic) transaction.ele('CdtrAgt').ele('FinInstnId').ele('BICFI').txt(payment.creditor.bic);
      transaction.ele('Cdtr').ele('Nm').txt(text(payment.creditor.name, `${at}.creditor.name`, NAME_LENGTH));
      transaction.ele('CdtrAcct').ele('Id').ele('IBAN').txt(payment.creditor.iban);
      if (payment.remittanceInfo !== '') {
        transaction.ele('RmtInf').ele('Ustrd').txt(text(payment.remittanceInfo, `${at}.remittanceInfo`, REMITTANCE_LENGTH));
      }
    }
  });
  return doc.end({ prettyPrint: true });
}

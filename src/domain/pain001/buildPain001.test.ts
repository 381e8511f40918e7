import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { XMLParser } from 'fast-xml-parser';
import { buildPain001 } from './buildPain001.js';
import type { Pain001Request } from './pain001Request.js';
import type { Payment } from '../payment/parsePayment.js';
import { samplePayment } from '../../../test/fixtures/domain/samplePayment.js';
import { describeWithVectors, readVector } from '../../../test/support/vectors.js';

// EPC132-08 2023 SCT C2PSP variant of pain.001.001.09 (see ../shared/vectors/README.md); the schema
// checks are skipped with a notice where that folder is absent.
async function schemaErrors(xml: string): Promise<string[]> {
  const xsd = readVector('iso20022/pain.001.001.09.xsd');
  const result = await validateXML({ xml: { fileName: 'out.xml', contents: xml }, schema: { fileName: 'pain.001.001.09.xsd', contents: xsd } });
  return result.errors.map((error) => error.message);
}

function approved(overrides: Record<string, unknown> = {}): Payment {
  return samplePayment({ status: 'approved', ...overrides });
}

function request(payments: Payment[], overrides: Partial<Pain001Request> = {}): Pain001Request {
  return {
    messageId: 'COFFER-20250301-0001',
    createdAt: '2025-03-01T10:00:00.000Z',
    initiatingParty: { name: 'Coffer Demo AG' },
    debtor: { name: 'Coffer Demo AG', iban: 'DE89370400440532013000', bic: 'COBADEFF' },
    payments,
    ...overrides,
  } as Pain001Request;
}

const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => ['PmtInf', 'CdtTrfTxInf'].includes(name) });
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test reads back a document of known shape
const readBack = (xml: string): any => parser.parse(xml).Document.CstmrCdtTrfInitn;

const euroPayments = [
  approved({ amountMinor: 1234 }),
  approved({ id: 'pay-0002', status: 'queued', amountMinor: 99_999_999_999, executionDate: '2025-03-02', creditor: { name: 'Société Générale', iban: 'FR1420041010050500013M02606' }, remittanceInfo: '' }),
  approved({ id: 'pay-0003', amountMinor: 1, creditor: { name: "O'Neil & Partners", iban: 'NL91ABNA0417164300', bic: 'ABNANL2A' } }),
];
const umlautPayee = approved({ creditor: { name: 'Müller & Söhne <GmbH>', iban: 'GB29NWBK60161331926819' } });
const noDebtorBic = { debtor: { name: 'Coffer Demo AG', iban: 'DE89370400440532013000' } as Pain001Request['debtor'] };
const hostile = 'Müller & Söhne <GmbH> "x" </Nm><Nm>Mallory';
const usdPayments = [
  approved({ currency: 'USD', creditor: { name: hostile, iban: 'GB29NWBK60161331926819', bic: 'NWBKGB2L' } }),
  approved({ id: 'pay-0002', currency: 'USD', amountMinor: 5, creditor: { name: '株式会社 東京商事', iban: 'NL91ABNA0417164300' }, remittanceInfo: '請求書 <42> & "co"' }),
];
const yen = approved({ id: 'pay-0003', currency: 'JPY', amountMinor: 1234 });
const dinar = approved({ id: 'pay-0004', currency: 'BHD', amountMinor: 1234 });

describe('buildPain001', () => {
  describe('when the payments are in euro', () => {
    const payments = euroPayments;

    it('writes counts, control sums as decimals, SEPA service level and SLEV', () => {
      const doc = readBack(buildPain001(request(payments)));
      expect(doc.GrpHdr.NbOfTxs).toBe('3');
      expect(doc.GrpHdr.CtrlSum).toBe('1000000012.34');
      // One payment block per execution date, earliest first.
      expect(doc.PmtInf.map((block: { ReqdExctnDt: { Dt: string } }) => block.ReqdExctnDt.Dt)).toEqual(['2025-03-02', '2025-03-03']);
      const [first, second] = doc.PmtInf;
      expect([first.NbOfTxs, first.CtrlSum, second.NbOfTxs, second.CtrlSum]).toEqual(['1', '999999999.99', '2', '12.35']);
      expect(second.PmtTpInf.SvcLvl.Cd).toBe('SEPA');
      expect(second.ChrgBr).toBe('SLEV');
      expect(second.BtchBookg).toBe('true');
      expect(second.DbtrAgt.FinInstnId.BICFI).toBe('COBADEFF');
      expect(second.CdtTrfTxInf[1].PmtId.EndToEndId).toBe('pay-0003');
      expect(second.CdtTrfTxInf[1].Amt.InstdAmt).toEqual({ '#text': '0.01', '@_Ccy': 'EUR' });
      expect(first.CdtTrfTxInf[0].RmtInf).toBeUndefined();
    });

    it('writes names in the SEPA character set', () => {
      const xml = buildPain001(request([umlautPayee]));
      expect(readBack(xml).PmtInf[0].CdtTrfTxInf[0].Cdtr.Nm).toBe('Muller + Sohne (GmbH)');
      expect(readBack(xml).PmtInf[0].CdtTrfTxInf[0].RmtInf.Ustrd).toBe("Invoice 2025-001 'Q1'");
    });

    it('marks a debtor bank without BIC as NOTPROVIDED', () => {
      const xml = buildPain001(request([approved()], noDebtorBic));
      expect(readBack(xml).PmtInf[0].DbtrAgt.FinInstnId.Othr.Id).toBe('NOTPROVIDED');
    });
  });

  describe('when the payments are in another currency', () => {
    const payments = usdPayments;

    it('writes well-formed XML that gives every text back unchanged', async () => {
      const xml = buildPain001(request(payments));
      const formatted = await validateXML({ xml: { fileName: 'usd.xml', contents: xml }, normalization: 'format' });
      expect(formatted.errors).toEqual([]);
      const transactions = readBack(xml).PmtInf[0].CdtTrfTxInf;
      expect(transactions[0].Cdtr.Nm).toBe(hostile);
      expect(transactions[1].Cdtr.Nm).toBe('株式会社 東京商事');
      expect(transactions[1].RmtInf.Ustrd).toBe('請求書 <42> & "co"');
      expect(transactions[1].Amt.InstdAmt).toEqual({ '#text': '0.05', '@_Ccy': 'USD' });
      expect(readBack(xml).PmtInf[0].ChrgBr).toBe('SHAR');
      expect(readBack(xml).PmtInf[0].PmtTpInf).toBeUndefined();
    });

    it('writes control sums with as many decimals as the currency has', () => {
      expect(readBack(buildPain001(request([yen]))).GrpHdr.CtrlSum).toBe('1234');
      expect(readBack(buildPain001(request([dinar]))).GrpHdr.CtrlSum).toBe('1.234');
    });
  });

  describe('when the request must not become a bank file', () => {
    it.each([
      ['a draft payment', [samplePayment()]],
      ['a payment pending approval', [samplePayment({ status: 'pending_approval' })]],
      ['a cancelled payment', [samplePayment({ status: 'cancelled' })]],
      ['no payments', []],
      ['the same payment twice', [approved(), approved()]],
      ['another debtor account', [approved({ debtorIban: 'AT611904300234573201' })]],
      ['more than SEPA allows in one transaction', [approved({ amountMinor: 100_000_000_000 })]],
      ['euro to an account outside SEPA', [approved({ creditor: { name: 'X', iban: 'TR330006100519786457841326' } })]],
    ])('refuses %s with DOMAIN_BAD_EXPORT', async (_, payments) => {
      await expect(() => buildPain001(request(payments as Payment[]))).toThrowCode('DOMAIN_BAD_EXPORT');
    });

    it('refuses a bad message id with DOMAIN_BAD_EXPORT', async () => {
      await expect(() => buildPain001(request([approved()], { messageId: 'M'.repeat(31) }))).toThrowCode('DOMAIN_BAD_EXPORT');
      await expect(() => buildPain001(request([approved()], { messageId: '<x/>' }))).toThrowCode('DOMAIN_BAD_EXPORT');
    });

    it('refuses mixed currencies with DOMAIN_CURRENCY_MISMATCH', async () => {
      await expect(() => buildPain001(request([approved(), approved({ id: 'pay-0002', currency: 'USD' })]))).toThrowCode('DOMAIN_CURRENCY_MISMATCH');
    });

    it('refuses a euro payee name in another script with DOMAIN_BAD_CHARSET', async () => {
      const payment = approved({ creditor: { name: '株式会社', iban: 'GB29NWBK60161331926819' } });
      await expect(() => buildPain001(request([payment]))).toThrowCode('DOMAIN_BAD_CHARSET');
      expect(() => buildPain001(request([payment]))).toThrow('payments[0].creditor.name');
    });

    it('refuses a payment record that breaks the payment rules with DOMAIN_BAD_EXPORT', async () => {
      const forged = { ...approved(), creditor: { name: 'x\u0000y', iban: 'GB29NWBK60161331926819' } } as Payment;
      await expect(() => buildPain001(request([forged]))).toThrowCode('DOMAIN_BAD_EXPORT');
    });
  });
});

describeWithVectors('buildPain001 against the published EPC pain.001.001.09 schema', () => {
  it('writes a SEPA credit transfer that the EPC schema accepts', async () => {
    expect(await schemaErrors(buildPain001(request(euroPayments)))).toEqual([]);
  });

  it('writes names rewritten into the SEPA character set that the EPC schema accepts', async () => {
    expect(await schemaErrors(buildPain001(request([umlautPayee])))).toEqual([]);
  });

  it('writes a debtor bank without BIC as NOTPROVIDED that the EPC schema accepts', async () => {
    expect(await schemaErrors(buildPain001(request([approved()], noDebtorBic)))).toEqual([]);
  });

  // Only the EPC variant XSD is available: the generic message must break nothing but the EPC-only rules.
  it('departs from the EPC schema only where the SEPA rules differ from the generic message', async () => {
    const epcOnly = /ChrgBr.*'SHAR' is not an element of the set \{'SLEV'\}|fractionDigits.*more fractional digits/;
    for (const xml of [buildPain001(request(usdPayments)), buildPain001(request([yen])), buildPain001(request([dinar]))]) {
      const errors = await schemaErrors(xml);
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.filter((error) => !epcOnly.test(error))).toEqual([]);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { parseStatementFile } from '../statement/parseStatementFile.js';
import type { ParsedStatement } from '../statement/parsedStatement.js';
import { readFixture } from '../../../test/fixtures/domain/vectors.js';
import { describeWithVectors, readVector } from '../../../test/support/vectors.js';

async function read(xml: string): Promise<ParsedStatement[]> {
  return (await parseStatementFile(new TextEncoder().encode(xml))).statements;
}

async function one(name: string): Promise<ParsedStatement> {
  const [statement, ...rest] = await read(readFixture(name));
  expect(rest).toEqual([]);
  return statement as ParsedStatement;
}

describe('parseStatementFile on camt', () => {
  describe('when the file is an intraday camt.052 report', () => {
    it('reads booked and pending entries, books only the booked ones, and reconciles against its interim balance', async () => {
      const report = await one('camt052-v08-intraday.xml');
      expect(report).toMatchObject({ format: 'camt.052.001.08', kind: 'report', statementId: 'RPT-20250612-1100', electronicSequence: '41', messageId: 'INTRA-20250612-1100' });
      expect(report.account).toMatchObject({ iban: 'DE02120300000000202051', currency: 'EUR', ownerName: 'Coffer Test GmbH' });
      expect(report.entries.map((e) => [e.status, e.booked, e.bookingDate, e.amount.minor])).toEqual([
        ['BOOK', true, '2025-06-12', 119_000],
        ['BOOK', true, '2025-06-12', -11_900],
        ['PDNG', false, null, -4550],
      ]);
      // The report's summary counts the pending entry too: 3 entries, 1354.50; the balance check uses booked ones.
      expect(report.reconciliation.status).toBe('reconciled');
      expect(report.reconciliation.checks.find((c) => c.check === 'entry-count')).toMatchObject({ expected: 3, found: 3 });
      expect(report.reconciliation.checks.find((c) => c.check === 'balance')).toMatchObject({ expected: 1_107_100, found: 1_107_100 });
    });
  });

  describe('when the file is a day-end camt.053.001.08 statement', () => {
    // The app's tests and the e2e flow import these two as the demo's and a test account's day-end statements.
    describeWithVectors('against the published camt.053.001.08 schema', () => {
      it.each(['camt053-v08-dayend.xml', 'camt053-v08-multi-entry.xml'])('%s is itself valid', async (name) => {
        const result = await validateXML({
          xml: { fileName: name, contents: readFixture(name) },
          schema: { fileName: 'camt.053.001.08.xsd', contents: readVector('iso20022/camt.053.001.08.xsd') },
        });
        expect(result.errors).toEqual([]);
      });
    });

    it('books two identical entries (same AcctSvcrRef, same content) as two, told apart by their occurrence', async () => {
      const statement = await one('camt053-v08-dayend.xml');
      const fees = statement.entries.filter((e) => e.references.accountServicer === '2025061200009');
      expect(fees.map((e) => [e.position, e.occurrence, e.amount.minor])).toEqual([[3, 1, -750], [5, 2, -750]]);
      expect(fees[0]?.identity).not.toBe(fees[1]?.identity);
    });

    it('keeps each transaction of a batch as a detail of the one booked entry', async () => {
      const batch = (await one('camt053-v08-dayend.xml')).entries[5];
      expect(batch).toMatchObject({ amount: { minor: -50_000, currency: 'EUR' }, counterparty: null, remittance: '', additionalInfo: 'SEPA-Sammelüberweisung 2 Posten' });
      expect(batch?.batch).toEqual({ messageId: 'SAL-2025-06', paymentInformationId: 'SAL-2025-06-1', count: 2, total: { minor: 50_000, currency: 'EUR' } });
      expect(batch?.details.map((d) => [d.position, d.amount?.minor, d.references.endToEnd, d.counterparty?.name, d.counterparty?.iban, d.remittance])).toEqual([
        [1, -30_000, 'SAL-2025-06-0001', 'Erika Mustermann', 'DE75512108001245126199', 'Gehalt Juni 2025'],
        [2, -20_000, 'SAL-2025-06-0002', 'Max Mustermann', 'DE02100100109307118603', 'Gehalt Juni 2025'],
      ]);
      expect(batch?.bankTransactionCode).toMatchObject({ domain: 'PMNT', family: 'ICDT', subFamily: 'SALA' });
    });

    it('reads a direct debit: mandate, creditor id, the creditor as counterparty, both bank transaction codes', async () => {
      const debit = (await one('camt053-v08-dayend.xml')).entries[1];
      expect(debit?.references).toMatchObject({ accountServicer: '2025061200002', endToEnd: 'MS-10023', mandate: 'M-99', creditorId: 'DE98ZZZ09999999999' });
      expect(debit?.counterparty).toEqual({ name: 'MUSTER SOFTWARE GMBH', iban: 'DE12500105170648489890', account: null, bankId: null, ultimateName: null });
      expect(debit?.bankTransactionCode).toEqual({ domain: 'PMNT', family: 'IDDT', subFamily: 'ESDD', proprietary: 'NDDT+105', proprietaryIssuer: 'DK', swiftType: null, textKeyExtension: null });
    });

    it('checks its summary and balances and says so', async () => {
      const { reconciliation } = await one('camt053-v08-dayend.xml');
      expect(reconciliation.status).toBe('reconciled');
      expect(reconciliation.checks.map((c) => [c.check, c.ok, c.expected])).toEqual([
        ['entry-count', true, 6], ['entry-sum', true, 186_950], ['net-sum', true, 51_050], ['credit-count', true, 1], ['credit-sum', true, 119_000],
        ['debit-count', true, 5], ['debit-sum', true, 67_950], ['balance', true, 1_051_050],
      ]);
    });

    it('reports a closing balance that does not add up, with expected and found', async () => {
      const [statement] = await read(readFixture('camt053-v08-dayend.xml').replace('<Amt Ccy="EUR">10510.50</Amt>', '<Amt Ccy="EUR">10510.49</Amt>'));
      expect(statement?.reconciliation.status).toBe('differs');
      expect(statement?.reconciliation.checks.filter((c) => !c.ok)).toEqual([
        expect.objectContaining({ check: 'balance', expected: 1_051_049, found: 1_051_050, currency: 'EUR', message: 'opening balance (OPBD) plus 6 booked entries does not give the closing balance (CLBD)' }),
      ]);
    });
  });

  describe('when the file follows the Swiss Payment Standards (camt.053.001.04)', () => {
    it('reads QR references, charges, a return with its reason, and Ustrd cut at 35 characters', async () => {
      const statement = await one('camt053-v04-sps.xml');
      const [qr, payment, returned] = statement.entries;
      expect(qr).toMatchObject({ status: 'BOOK', references: { creditorReference: '210000000003139471430009017', endToEnd: null }, remittance: '210000000003139471430009017 Rechnung 2025/117' });
      expect(qr?.counterparty).toMatchObject({ name: 'Zürcher Velo AG', iban: 'CH5604835012345678009' });
      expect(payment?.remittance).toBe('Zahlung für Lieferung 4711 vom 03.03.2025, Projekt Bahnhofstrasse');
      expect(payment?.charges).toEqual([{ amount: { minor: 500, currency: 'CHF' }, creditDebit: 'DBIT', includedInEntry: true, type: 'BRKF' }]);
      expect(payment?.details[0]).toMatchObject({ amount: { minor: -123_500, currency: 'CHF' }, additionalInfo: 'Auftrag via E-Banking' });
      expect(payment?.counterparty).toMatchObject({ name: 'Bau & Holz GmbH', bankId: 'POFICHBEXXX' });
      expect(payment?.valueDate).toBe('2025-03-05');
      expect(returned).toMatchObject({ reversal: true, creditDebit: 'CRDT', returnReason: 'AC04', counterparty: { name: 'Alte Firma AG' } });
      expect(returned?.details[0]?.returnInfo).toBe('Konto aufgehoben');
      expect(statement.reconciliation.status).toBe('reconciled');
    });

    it('accepts the Swiss schema URL as namespace and names the version it stands for', async () => {
      const xml = readFixture('camt053-v04-sps.xml').replace('xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.04"', 'xmlns="http://www.six-interbank-clearing.com/de/camt.053.001.04.ch.02.xsd"');
      expect((await read(xml))[0]?.format).toBe('camt.053.001.04');
    });
  });

  describe('when the file is a camt.054 notification', () => {
    it('reads the batch with its transactions and has nothing to reconcile', async () => {
      const notification = await one('camt054-v04-notification.xml');
      expect(notification).toMatchObject({ format: 'camt.054.001.04', kind: 'notification', balances: [], summary: null });
      expect(notification.entries[0]?.details.map((d) => [d.amount?.minor, d.references.creditorReference, d.counterparty?.name])).toEqual([
        [20_000, '000000000000000000000001234', 'Anna Keller'],
        [15_000, '000000000000000000000002341', 'Beat Meier'],
        [25_000, '000000000000000000000003458', 'Claudia Frei'],
      ]);
      expect(notification.reconciliation).toEqual({ status: 'unchecked', checks: [], notChecked: ['no transactions summary (TxsSummry)', 'no opening balance (OPBD or PRCD)'] });
    });
  });

  describe('when the Document comes in a business message envelope with a head.001 AppHdr', () => {
    it('reads the Document (SWIFT MX shape: Othr account, UETR, charges per transaction)', async () => {
      const statement = await one('camt053-v08-apphdr.xml');
      expect(statement).toMatchObject({ format: 'camt.053.001.08', account: { iban: null, otherId: '8876543210', currency: 'USD' }, warnings: [] });
      const [payment] = statement.entries;
      expect(payment).toMatchObject({ bookingDate: '2025-06-12', references: { transaction: '8a562c67-ca16-48ba-b074-65581be6f011', instruction: 'PAY-2025-0612-01' } });
      expect(payment?.counterparty).toMatchObject({ name: 'Northwind Traders Inc.', iban: null, account: '000123456789', bankId: 'BOFAUS3NXXX' });
      expect(payment?.details[0]?.charges).toEqual([{ amount: { minor: 2500, currency: 'USD' }, creditDebit: 'DBIT', includedInEntry: null, type: 'COMM' }]);
      expect(statement.reconciliation.status).toBe('reconciled');
    });

    it('warns when the AppHdr names another message than the Document is', async () => {
      const [statement] = await read(readFixture('camt053-v08-apphdr.xml').replace('<MsgDefIdr>camt.053.001.08</MsgDefIdr>', '<MsgDefIdr>camt.053.001.02</MsgDefIdr>'));
      expect(statement?.warnings).toEqual([expect.objectContaining({ code: 'HEADER_MISMATCH', where: 'AppHdr/MsgDefIdr' })]);
    });

    it('reads a Document whose prefix is declared on the envelope', async () => {
      const xml = readFixture('camt053-v08-apphdr.xml')
        .replace('<Envelope xmlns="urn:swift:xsd:envelope"', '<Envelope xmlns="urn:swift:xsd:envelope" xmlns:c="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"')
        .replace(/<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">([\s\S]*)<\/Document>/, (_, inner: string) => `<c:Document>${inner.replace(/<(\/?)([A-Za-z]+)([ >])/g, '<$1c:$2$3')}</c:Document>`);
      expect((await read(xml))[0]?.entries).toHaveLength(2);
    });

    it('refuses an envelope without a Document, naming its root', async () => {
      const xml = '<Envelope xmlns="urn:swift:xsd:envelope"><AppHdr xmlns="urn:iso:std:iso:20022:tech:xsd:head.001.001.02"><MsgDefIdr>camt.053.001.08</MsgDefIdr></AppHdr></Envelope>';
      await expect(read(xml)).rejects.toThrow('expected a camt Document, as the root or inside an envelope with an AppHdr, found root element Envelope');
    });
  });
});

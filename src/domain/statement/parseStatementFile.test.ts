import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseStatementFile } from './parseStatementFile.js';
import { readFixture, readFixtureBytes } from '../../../test/fixtures/domain/vectors.js';
import { writeZip } from '../../../test/fixtures/domain/writeZip.js';

const dayEnd = readFixture('camt053-v08-dayend.xml');
const intraday = readFixture('camt052-v08-intraday.xml');

describe('parseStatementFile', () => {
  describe('when the file is a ZIP of statements (EBICS C52/C53 download)', () => {
    it('reads every member in order and names the member each statement came from', async () => {
      const zip = writeZip([
        { name: 'C52/intraday.xml', data: intraday },
        { name: 'C53/', data: '', stored: true },
        { name: 'C53/dayend.xml', data: dayEnd },
        { name: 'C53/notification.xml', data: readFixture('camt054-v04-notification.xml'), stored: true },
      ]);
      const result = await parseStatementFile(zip, { fileName: 'download.zip' });
      expect(result.container).toBe('zip');
      expect(result.statements.map((s) => [s.source.member, s.format, s.entries.length])).toEqual([
        ['C52/intraday.xml', 'camt.052.001.08', 3],
        ['C53/dayend.xml', 'camt.053.001.08', 6],
        ['C53/notification.xml', 'camt.054.001.04', 1],
      ]);
    });

    it('names the member a refusal comes from', async () => {
      const zip = writeZip([{ name: 'ok.xml', data: dayEnd }, { name: 'broken.xml', data: dayEnd.replace('</Stmt>', '</Stmnt>') }]);
      await expect(parseStatementFile(zip)).rejects.toThrow(/^broken\.xml: expected well-formed XML/);
    });

    it.each([
      ['too many files', () => writeZip(Array.from({ length: 1001 }, (_, i) => ({ name: `s${i}.xml`, data: '', stored: true }))), {}, 'expected at most 1000 files in the ZIP, found 1001'],
      ['a compression ratio of a bomb', () => writeZip([{ name: 'bomb.xml', data: new Uint8Array(20 * 1024 * 1024) }]), {}, 'refused as a possible ZIP bomb'],
      ['more bytes unpacked than allowed', () => writeZip([{ name: 'a.xml', data: dayEnd }, { name: 'b.xml', data: dayEnd }]), { maxTotalBytes: 12_000 }, 'expected at most 12000 bytes unpacked in all'],
      ['a nested ZIP by name', () => writeZip([{ name: 'inner.zip', data: writeZip([{ name: 'a.xml', data: dayEnd }]) }]), {}, 'found a nested ZIP inner.zip: nested archives are refused'],
      ['a nested ZIP by content', () => writeZip([{ name: 'inner.bin', data: writeZip([{ name: 'a.xml', data: dayEnd }]) }]), {}, 'found a nested ZIP inner.bin'],
      ['an encrypted member', () => writeZip([{ name: 'secret.xml', data: dayEnd, encryptedFlag: true }]), {}, 'expected unencrypted files in the ZIP, found secret.xml encrypted'],
      ['a member that is no statement', () => writeZip([{ name: 'manual.pdf', data: '%PDF-1.7 binary' }]), {}, 'found manual.pdf, which is none of them'],
      ['no statement at all', () => writeZip([{ name: 'empty/', data: '', stored: true }]), {}, 'expected at least one statement in the ZIP, found none'],
      ['a damaged archive', () => writeZip([{ name: 'a.xml', data: dayEnd }]).subarray(0, 400), {}, 'expected a readable ZIP archive'],
    ])('refuses %s with DOMAIN_BAD_ARCHIVE', async (_, make, zipLimits, message) => {
      const zip = make();
      await expect(parseStatementFile(zip, { zipLimits })).rejects.toMatchObject({ code: 'DOMAIN_BAD_ARCHIVE' });
      await expect(parseStatementFile(zip, { zipLimits })).rejects.toThrow(message);
    });
  });

  describe('when the format must be told from the content', () => {
    it.each([
      ['camt XML after a BOM', `\ufeff${dayEnd}`, 'camt.053.001.08'],
      ['MT940', readFixture('mt940-dk-two-statements.sta'), 'mt940'],
      ['a bank CSV', readFixture('csv-commerzbank.csv'), 'csv:commerzbank'],
    ])('reads %s', async (_, text, format) => {
      expect((await parseStatementFile(new TextEncoder().encode(text))).statements[0]?.format).toBe(format);
    });

    it('refuses an empty file and something that is no bytes', async () => {
      await expect(parseStatementFile(new Uint8Array())).rejects.toThrow('expected a statement file, found an empty one');
      await expect(parseStatementFile('text' as unknown as Uint8Array)).rejects.toMatchObject({ code: 'DOMAIN_BAD_STATEMENT' });
    });
  });

  describe('when the bytes are not UTF-8', () => {
    it('reads an XML file declared ISO-8859-1 as such', async () => {
      const latin = iconv.encode(dayEnd.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'), 'latin1');
      const [statement] = (await parseStatementFile(latin)).statements;
      expect(statement?.entries[0]?.remittance).toBe('Kartenzahlung Bürobedarf Müller');
      expect(statement?.warnings).toEqual([]);
    });

    it('reads UTF-16 with a byte order mark', async () => {
      const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(dayEnd.replace('encoding="UTF-8"', 'encoding="UTF-16"'), 'utf16le')]);
      expect((await parseStatementFile(utf16)).statements[0]?.entries[0]?.remittance).toBe('Kartenzahlung Bürobedarf Müller');
    });

    it('reads Windows-1252 bytes as Windows-1252, with a warning', async () => {
      const bytes = readFixtureBytes('mt940-dk-two-statements.sta');
      const [statement] = (await parseStatementFile(bytes)).statements;
      expect(statement?.warnings[0]).toMatchObject({ code: 'ENCODING_FALLBACK' });
      expect(statement?.entries[0]?.counterparty?.name).toContain('Müller');
    });
  });
});

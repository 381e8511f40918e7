import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, EUR_ACCOUNT, makeDemoVault, type DemoVault } from '../../../test/fixtures/demo/demoVault.js';
import { readFixtureBytes } from '../../../test/fixtures/domain/vectors.js';
import { imported } from '../../../test/support/statementImport.js';

// The seven bank CSV exports of test/fixtures/domain (written after each bank's published format; see
// docs/domain.md "Bank CSV exports"), imported through the command. The rows expected below were read off
// the files by hand: German dates, decimal commas, thousands dots, amounts without decimals, payer or payee
// by the sign, SEPA keywords inside the purpose, Windows-1252 umlauts.
const OWN = { DE89: EUR_ACCOUNT, DE02: 'DE02120300000000202051', DE42: 'DE42120300001033738756' };

type Row = [bookingDate: string, valueDate: string | null, amountMinor: number, counterparty: string | null, remittance: string];

interface Expected {
  dialect: string;
  account: string;
  skipped: string[];
  rows: Row[];
  /** Further columns of one booking, by its position in the file. */
  extra?: { position: number; columns: Record<string, string | null> };
}

const DIALECTS: Record<string, Expected> = {
  'csv-sparkasse-camt.csv': {
    dialect: 'sparkasse-camt', account: OWN.DE89, skipped: ['1 not booked (PDNG)'],
    rows: [
      ['2025-12-03', '2025-12-03', 11_900, 'Müller & Söhne GmbH', 'Beleg Nr. 203037, Rechnung'],
      ['2025-12-02', '2025-12-02', -226_000, 'Versicherung AG', 'Beitrag Q4/2025'],
      ['2025-12-01', '2025-12-01', -5500, '@Lieferant', '=HYPERLINK("http://attacker.example/")'],
      ['2025-11-30', '2025-11-30', -750, null, 'Abrechnung 30.11.2025'],
    ],
    extra: { position: 3, columns: { posting_text: 'FOLGELASTSCHRIFT', end_to_end_ref: 'MS-10023', mandate_ref: 'M-99', creditor_id: 'DE98ZZZ09999999999' } },
  },
  'csv-sparkasse-mt940.csv': {
    dialect: 'sparkasse-mt940', account: OWN.DE89, skipped: [],
    rows: [
      ['2025-12-04', '2025-12-04', -2999, 'Dienstleister GmbH', 'Rechnung 11063225'],
      ['2025-12-03', '2025-12-03', 119_000, 'Beispiel Handel GmbH', 'Rechnung RE-2025-0815'],
      ['2025-12-01', '2025-12-01', -750, null, 'Abrechnung 30.11.2025'],
    ],
    extra: { position: 2, columns: { end_to_end_ref: 'RE-2025-0815', counterparty_ultimate_name: 'Handel Holding' } },
  },
  'csv-atruvia.csv': {
    dialect: 'atruvia', account: OWN.DE02, skipped: [],
    rows: [
      ['2025-12-01', '2025-12-01', 17_500, 'Anna Schmidt', 'Rate 12/2025'],
      ['2025-12-01', '2025-12-01', -45_311, 'Lebensversicherung AG', '40-059254925/Leben EREF: 134541375034 MREF: M-200-002 CRED: DE98ZZZ09999999999'],
      ['2025-11-28', '2025-11-30', -600, null, 'Abschluss per 30.11.2025'],
    ],
    extra: { position: 2, columns: { mandate_ref: 'M-200-002', posting_text: 'Basislastschrift' } },
  },
  'csv-dkb.csv': {
    dialect: 'dkb', account: OWN.DE42, skipped: ['1 not booked (PDNG)'],
    rows: [
      ['2026-01-30', '2026-01-30', -1790, 'Muster Markt GmbH', 'Einkauf 0815'],
      ['2026-01-29', '2026-01-29', 298_700, 'Beispiel AG', 'Lohn Januar'],
      ['2026-01-28', '2026-01-28', -100_100, 'Versicherung AG', 'Beitrag 01/2026'],
    ],
    extra: { position: 2, columns: { customer_ref: '100000000000001' } },
  },
  'csv-commerzbank.csv': {
    dialect: 'commerzbank', account: OWN.DE02, skipped: [],
    rows: [
      ['2025-05-02', '2025-05-02', -204_000, null, 'HAUSVERWALTUNG NORD GENODEF1M04 DE02100100109307118603 MIETE MAI 2025 End-to-End-Ref.: NOTPROVIDED Dauerauftrag'],
      ['2025-04-30', '2025-04-30', -1070, null, 'Kontoführung vom 01.04.2025 bis 30.04.2025 Grundpreis 9,90- EUR Auszug 0,80- EUR'],
      ['2025-04-29', '2025-04-29', 110_000, null, 'Beispiel Handel GmbH RE-2025-0815 End-to-End-Ref.: RE-2025-0815'],
    ],
    extra: { position: 2, columns: { posting_text: 'Zinsen/Entgelte' } },
  },
  'csv-ing.csv': {
    dialect: 'ing', account: OWN.DE89, skipped: [],
    rows: [
      ['2025-12-08', '2025-12-08', -20_000, 'Hausverwaltung Nord', 'Nebenkosten Dezember'],
      ['2025-12-05', '2025-12-05', -3999, 'Telefon AG', 'Rechnung 0925 Kundennr. 4711'],
      ['2025-12-02', '2025-12-02', 119_000, 'Beispiel Handel GmbH', 'RE-2025-0815'],
    ],
  },
  'csv-targobank.csv': {
    dialect: 'targobank', account: OWN.DE02, skipped: [],
    rows: [
      ['2025-11-03', null, -500, null, 'Echtzeitüberweisung ANNA SCHMIDT DE75512108001245126199 TRBKDEBBXXX Rückzahlung Auslage'],
      ['2025-11-04', null, -695, null, 'Entgelt Kontoführung für Oktober 2025'],
      ['2025-11-10', null, 8316, null, 'Gutschrift Stadtwerke Nord Erstattung Strom 2025'],
    ],
  },
};

let alice: DemoVault;
beforeAll(async () => {
  alice = await makeDemoVault('alice');
  addAccount(alice.vault, { iban: OWN.DE02, currency: 'EUR' });
  addAccount(alice.vault, { iban: OWN.DE42, currency: 'EUR' });
});
afterAll(() => alice?.close());

const rowsOf = (statementRecord: string) =>
  (alice.vault.db.prepare('SELECT booking_date, value_date, amount_minor, counterparty_name, remittance_info FROM statement_transactions WHERE statement_record_id = ? ORDER BY position').raw().all(statementRecord) as Row[]);

describe('statements.import on the bank CSV exports Coffer knows', () => {
  it.each(Object.entries(DIALECTS))('%s: books every booked row on the account it names, with its dates, amount and texts, shows the mapping, and books nothing again', async (name, want) => {
    const result = await imported(alice.vault, { file: { name, bytes: readFixtureBytes(name) } });
    const [statement, ...others] = result.statements;
    expect(others).toEqual([]);
    expect(statement).toMatchObject({ format: `csv:${want.dialect}`, account: { iban: want.account, matchedBy: 'iban' }, imported: want.rows.length, csv: { dialect: want.dialect } });
    expect(statement?.skipped.map((g) => g.message)).toEqual(want.skipped);
    expect(statement?.csv?.columns.map((c) => c.field)).toEqual(expect.arrayContaining(['bookingDate']));
    const record = alice.vault.db.prepare('SELECT id FROM statements WHERE source_file = ? ORDER BY rowid').pluck().get(name) as string;
    expect(rowsOf(record)).toEqual(want.rows);
    if (want.extra) {
      const columns = Object.keys(want.extra.columns).join(', ');
      const row = alice.vault.db.prepare(`SELECT ${columns} FROM statement_transactions WHERE statement_record_id = ? AND position = ?`).get(record, want.extra.position);
      expect(row).toEqual(want.extra.columns);
    }
    // Imported again, it books nothing: every booked row is already there.
    const again = await imported(alice.vault, { file: { name, bytes: readFixtureBytes(name) } });
    expect(again.statements[0]?.skipped.find((g) => g.reason === 'ALREADY_BOOKED')?.count).toBe(want.rows.length);
    expect(again.imported).toBe(0);
    // The mapping is stored with the statement, for whoever checks the import later.
    expect(JSON.parse(alice.vault.db.prepare('SELECT csv_mapping_json FROM statements WHERE id = ?').pluck().get(record) as string)).toMatchObject({ dialect: want.dialect });
  });
});

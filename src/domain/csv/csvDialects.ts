import type { CsvField } from './csvMapping.js';

/** A bank's CSV export: how to recognise its header and what its columns mean. */
export interface CsvDialect {
  id: string;
  name: string;
  /** Normalised header names that must all be present (see normaliseHeader). */
  signature: readonly string[];
  /** Normalised header name → field; a name may be listed for several fields (first free one wins). */
  columns: Readonly<Record<string, CsvField>>;
  decimal: ',' | '.';
  /** Currency when the export has no currency column. */
  currency?: 'EUR';
}

/** "Betrag (€)" → "betrag", "Zahlungsempfänger*in" → "zahlungsempfaengerin", "Glaeubiger ID" → "glaeubigerid". */
export function normaliseHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/\((?:€|eur)\)/g, '')
    .replace(/[^a-z0-9]/g, '');
}

// Column meanings shared by most German exports; a dialect overrides what it uses differently.
const GERMAN: Readonly<Record<string, CsvField>> = {
  buchungstag: 'bookingDate',
  buchungsdatum: 'bookingDate',
  buchung: 'bookingDate',
  valutadatum: 'valueDate',
  valuta: 'valueDate',
  wertstellung: 'valueDate',
  wertstellungsdatum: 'valueDate',
  wert: 'valueDate',
  betrag: 'amount',
  betrageur: 'amount',
  soll: 'debit',
  haben: 'credit',
  waehrung: 'currency',
  verwendungszweck: 'remittance',
  buchungstext: 'postingText',
  mandatsreferenz: 'mandate',
  glaeubigerid: 'creditorId',
  kundenreferenzendtoend: 'endToEnd',
  kundenreferenz: 'endToEnd',
  bic: 'counterpartyBankId',
  saldo: 'balanceAfter',
};

function dialect(id: string, name: string, signature: string[], columns: Record<string, CsvField>, currency?: 'EUR'): CsvDialect {
  return { id, name, signature, columns: { ...GERMAN, ...columns }, decimal: ',', ...(currency ? { currency } : {}) };
}

/** The exports Coffer recognises by their header, most specific first. */
export const CSV_DIALECTS: readonly CsvDialect[] = [
  {
    id: 'coffer',
    name: "Coffer's own statement columns",
    signature: ['entryref', 'bookingdate', 'valuedate', 'amount', 'currency', 'counterpartyname', 'counterpartyiban', 'remittanceinfo'],
    columns: {
      entryref: 'entryRef', bookingdate: 'bookingDate', valuedate: 'valueDate', amount: 'amount', currency: 'currency',
      counterpartyname: 'counterpartyName', counterpartyiban: 'counterpartyIban', remittanceinfo: 'remittance',
    },
    decimal: '.',
  },
  dialect('sparkasse-camt', 'Sparkasse CSV-CAMT (V2 and V8)', ['auftragskonto', 'buchungstag', 'valutadatum', 'kundenreferenzendtoend', 'beguenstigterzahlungspflichtiger', 'kontonummeriban', 'betrag', 'info'], {
    auftragskonto: 'accountIban', beguenstigterzahlungspflichtiger: 'counterpartyName', kontonummeriban: 'counterpartyIban', bicswiftcode: 'counterpartyBankId', info: 'status',
  }),
  dialect('sparkasse-mt940', 'Sparkasse CSV-MT940', ['auftragskonto', 'buchungstag', 'valutadatum', 'beguenstigterzahlungspflichtiger', 'kontonummer', 'blz', 'betrag', 'info'], {
    auftragskonto: 'accountIban', beguenstigterzahlungspflichtiger: 'counterpartyName', kontonummer: 'counterpartyIban', blz: 'counterpartyBankId', info: 'status',
  }),
  dialect('atruvia', 'Volksbanken Raiffeisenbanken, GLS and other Atruvia banks', ['ibanauftragskonto', 'buchungstag', 'valutadatum', 'namezahlungsbeteiligter', 'ibanzahlungsbeteiligter', 'betrag'], {
    ibanauftragskonto: 'accountIban', namezahlungsbeteiligter: 'counterpartyName', ibanzahlungsbeteiligter: 'counterpartyIban',
    bicswiftcodezahlungsbeteiligter: 'counterpartyBankId', saldonachbuchung: 'balanceAfter',
  }),
  dialect('dkb', 'DKB (since 2023)', ['buchungsdatum', 'wertstellung', 'status', 'zahlungspflichtiger', 'zahlungsempfaengerin', 'betrag'], {
    status: 'status', zahlungspflichtiger: 'payerName', zahlungsempfaengerin: 'payeeName', iban: 'counterpartyIban', kundenreferenz: 'customerReference',
  }, 'EUR'),
  dialect('dkb-legacy', 'DKB (until 2023)', ['buchungstag', 'wertstellung', 'auftraggeberbeguenstigter', 'kontonummer', 'blz', 'betrageur'], {
    auftraggeberbeguenstigter: 'counterpartyName', kontonummer: 'counterpartyIban', blz: 'counterpartyBankId', kundenreferenz: 'customerReference',
  }, 'EUR'),
  dialect('commerzbank', 'Commerzbank', ['buchungstag', 'wertstellung', 'umsatzart', 'buchungstext', 'betrag', 'waehrung'], {
    // Commerzbank writes the whole payment text into Buchungstext; Umsatzart is the kind of booking.
    buchungstext: 'remittance', umsatzart: 'postingText', ibankontoinhaber: 'accountIban', ibanauftraggeberkonto: 'accountIban',
  }),
  dialect('deutsche-bank', 'Deutsche Bank, Postbank, norisbank', ['buchungstag', 'wert', 'umsatzart', 'beguenstigterauftraggeber', 'verwendungszweck', 'soll', 'haben', 'waehrung'], {
    umsatzart: 'postingText', beguenstigterauftraggeber: 'counterpartyName', ibankontonummer: 'counterpartyIban', iban: 'counterpartyIban',
    kundenreferenz: 'customerReference',
  }),
  dialect('ing', 'ING (Germany)', ['buchung', 'auftraggeberempfaenger', 'buchungstext', 'verwendungszweck', 'betrag', 'waehrung'], {
    // Notiz is the customer's own note, not the payment's text: not read.
    auftraggeberempfaenger: 'counterpartyName',
  }),
];

/** Headers a file without a known dialect is read by (dialect "generic"): the German and English usual ones. */
export const GENERIC_COLUMNS: Readonly<Record<string, CsvField>> = {
  ...GERMAN,
  datum: 'bookingDate', date: 'bookingDate', bookingdate: 'bookingDate', valuedate: 'valueDate', amount: 'amount', umsatz: 'amount',
  currency: 'currency', name: 'counterpartyName', empfaenger: 'counterpartyName', auftraggeberempfaenger: 'counterpartyName',
  beguenstigterzahlungspflichtiger: 'counterpartyName', counterparty: 'counterpartyName', iban: 'counterpartyIban', text: 'remittance',
  description: 'remittance', zweck: 'remittance', debit: 'debit', credit: 'credit', balance: 'balanceAfter', status: 'status',
};

/**
 * The Targobank export has no header row: date; text; debit (negative); credit; ; ; 'own IBAN'
 * (in single quotes). Recognised by that row shape.
 */
export const TARGOBANK_ROW = /^[0-9]{2}\.[0-9]{2}\.[0-9]{4}$/;
export const TARGOBANK: CsvDialect = {
  id: 'targobank',
  name: 'Targobank (no header row)',
  signature: [],
  columns: {},
  decimal: ',',
  currency: 'EUR',
};

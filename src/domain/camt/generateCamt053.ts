// Coffer's own generated camt.053.001.08 statement of any size, for the parse-speed test, the import tests
// and `coffer bench`: every entry a single SEPA transfer with references, a party with IBAN, remittance and
// bank transaction code (about 600 bytes each, so 100,000 entries fit the app API's 64 MiB file limit),
// credits and debits alternating by a fixed rule, opening balance 0.00, a closing balance and a summary
// that agree with the entries.

function money(minor: number): string {
  return `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
}

export interface GeneratedCamt053 {
  xml: string;
  entries: number;
  /** The sum of all entries in minor units (credits positive): the closing balance. */
  netMinor: number;
}

export interface GenerateCamt053Options {
  /** The statement's day (YYYY-MM-DD): booking and value dates, references and ids; 2025-03-03 by default. */
  day?: string;
  /** The account's IBAN; the demo's EUR operating account by default. */
  iban?: string;
}

/** A day-end camt.053.001.08 of `entries` entries, the same bytes for the same arguments. */
export function generateCamt053(entries: number, options: GenerateCamt053Options = {}): GeneratedCamt053 {
  const { day = '2025-03-03', iban = 'DE89370400440532013000' } = options;
  const parts: string[] = [];
  let net = 0;
  for (let i = 0; i < entries; i++) {
    const minor = 100 + ((i * 7919) % 100_000);
    const credit = i % 3 !== 0;
    net += credit ? minor : -minor;
    const [party, account] = credit ? ['Dbtr', 'DbtrAcct'] : ['Cdtr', 'CdtrAcct'];
    parts.push(`<Ntry><Amt Ccy="EUR">${money(minor)}</Amt><CdtDbtInd>${credit ? 'CRDT' : 'DBIT'}</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>`
      + `<BookgDt><Dt>${day}</Dt></BookgDt><ValDt><Dt>${day}</Dt></ValDt><AcctSvcrRef>${day.replaceAll('-', '')}${String(i).padStart(8, '0')}</AcctSvcrRef>`
      + '<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>'
      + `<NtryDtls><TxDtls><Refs><EndToEndId>E2E-${i}</EndToEndId></Refs><RltdPties><${party}><Pty><Nm>Müller &amp; Söhne GmbH ${i % 97}</Nm></Pty></${party}>`
      + `<${account}><Id><IBAN>AT611904300234573201</IBAN></Id></${account}></RltdPties><RmtInf><Ustrd>Rechnung RE-2025-${i} vom 14.02.2025</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>\n`);
  }
  const balance = (type: string, minor: number) =>
    `<Bal><Tp><CdOrPrtry><Cd>${type}</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${money(Math.abs(minor))}</Amt><CdtDbtInd>${minor >= 0 ? 'CRDT' : 'DBIT'}</CdtDbtInd><Dt><Dt>${day}</Dt></Dt></Bal>`;
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>BENCH-${day}</MsgId><CreDtTm>${day}T18:00:00+01:00</CreDtTm></GrpHdr>
<Stmt><Id>BENCH-${day}</Id><ElctrncSeqNb>1</ElctrncSeqNb><Acct><Id><IBAN>${iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>${balance('OPBD', 0)}${balance('CLBD', net)}
<TxsSummry><TtlNtries><NbOfNtries>${entries}</NbOfNtries></TtlNtries></TxsSummry>
${parts.join('')}</Stmt></BkToCstmrStmt></Document>`;
  return { xml, entries, netMinor: net };
}

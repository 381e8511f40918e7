/*
 * A small camt.053.001.08 statement of our own for the demo vault's EUR account, built per test: each entry
 * with a counterparty and a remittance line (escaped as XML requires, so `<script>` arrives as text), and
 * balances that reconcile unless `closingOffMinor` moves the closing balance.
 */
export interface CamtEntry {
  amountMinor: number;
  name: string;
  remittance: string;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const money = (minor: number) => `${Math.floor(Math.abs(minor) / 100)}.${String(Math.abs(minor) % 100).padStart(2, '0')}`;

export function camt053(id: string, entries: readonly CamtEntry[], options: { closingOffMinor?: number; day?: string } = {}): string {
  const day = options.day ?? '2026-11-30';
  let net = 0;
  const parts = entries.map((entry, i) => {
    net += entry.amountMinor;
    const credit = entry.amountMinor > 0;
    const [party, account] = credit ? ['Dbtr', 'DbtrAcct'] : ['Cdtr', 'CdtrAcct'];
    return `<Ntry><NtryRef>${i + 1}</NtryRef><Amt Ccy="EUR">${money(entry.amountMinor)}</Amt><CdtDbtInd>${credit ? 'CRDT' : 'DBIT'}</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>`
      + `<BookgDt><Dt>${day}</Dt></BookgDt><ValDt><Dt>${day}</Dt></ValDt><AcctSvcrRef>${id}-${i + 1}</AcctSvcrRef>`
      + `<NtryDtls><TxDtls><Refs><EndToEndId>${id}-E2E-${i + 1}</EndToEndId></Refs>`
      + `<RltdPties><${party}><Pty><Nm>${escapeXml(entry.name)}</Nm></Pty></${party}><${account}><Id><IBAN>AT611904300234573201</IBAN></Id></${account}></RltdPties>`
      + `<RmtInf><Ustrd>${escapeXml(entry.remittance)}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>`;
  });
  const closing = net + (options.closingOffMinor ?? 0);
  const balance = (code: string, minor: number) => `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${money(minor)}</Amt><CdtDbtInd>${minor >= 0 ? 'CRDT' : 'DBIT'}</CdtDbtInd><Dt><Dt>${day}</Dt></Dt></Bal>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>${id}</MsgId><CreDtTm>${day}T18:00:00+01:00</CreDtTm></GrpHdr>
<Stmt><Id>${id}</Id><ElctrncSeqNb>1</ElctrncSeqNb><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>
${balance('OPBD', 0)}${balance('CLBD', closing)}
${parts.join('\n')}</Stmt></BkToCstmrStmt></Document>`;
}

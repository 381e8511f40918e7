import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { parseStatementFile } from '../../domain/index.js';
import { createVault, PBKDF2_MIN_ITERATIONS, unlockVault, type UnlockedVault } from '../../vault/index.js';
import { bookingWriter } from '../commands/records/bookingRecords.js';
import { seedDemo } from '../demo/seedDemo.js';
import { dispatch } from '../dispatch/dispatch.js';
import { openSession } from '../dispatch/openSession.js';
import { round, timeMs, timeMsAsync, type FigureSink } from './benchFigure.js';

const PASSWORD = 'benchmark password, not a secret';
/** The demo's EUR operating account: the generated statement is its day. */
const ACCOUNT = 'DE89370400440532013000';
const MiB = 1024 * 1024;

const money = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;

/**
 * A camt.053.001.08 day-end statement of `entries` SEPA transfers (about 600 bytes each, so 100,000 fit the
 * API's 64 MiB file limit): references, a party with IBAN, remittance and bank transaction code per entry,
 * credits and debits alternating by a fixed rule, opening and closing balances and a summary that agree.
 */
export function generateBenchStatement(entries: number, day = '2025-03-03'): Uint8Array {
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
  return new TextEncoder().encode(`<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>BENCH-${day}</MsgId><CreDtTm>${day}T18:00:00+01:00</CreDtTm></GrpHdr>
<Stmt><Id>BENCH-${day}</Id><ElctrncSeqNb>1</ElctrncSeqNb><Acct><Id><IBAN>${ACCOUNT}</IBAN></Id><Ccy>EUR</Ccy></Acct>${balance('OPBD', 0)}${balance('CLBD', net)}
<TxsSummry><TtlNtries><NbOfNtries>${entries}</NbOfNtries></TtlNtries></TxsSummry>
${parts.join('')}</Stmt></BkToCstmrStmt></Document>`);
}

/** The demo organisation in a new vault: an account to book on, and alice, whose role may import. */
async function demoVault(dir: string): Promise<UnlockedVault> {
  const { vault } = await createVault(dir, PASSWORD, { iterations: PBKDF2_MIN_ITERATIONS, autoLockMs: null });
  await seedDemo(vault, { user: 'alice', bookingsPerAccount: 12 });
  vault.lock();
  // Opened again, as alice: the seed hands the vault to her.
  return unlockVault(dir, { password: PASSWORD }, { autoLockMs: null });
}

/**
 * The process's peak resident memory while `run` runs, sampled every 5 ms from a worker thread (the
 * import holds the main thread, and the process-wide maxRSS may already be higher from earlier figures).
 */
async function peakRss<T>(run: () => Promise<T>): Promise<{ value: T; peakBytes: number }> {
  const sampler = new Worker(
    `const { parentPort } = require('node:worker_threads');
     let peak = process.memoryUsage.rss();
     const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 5);
     parentPort.on('message', () => { clearInterval(timer); parentPort.postMessage(Math.max(peak, process.memoryUsage.rss())); });`,
    { eval: true },
  );
  await new Promise((resolve) => sampler.once('online', resolve));
  const value = await run();
  const peakBytes = await new Promise<number>((resolve) => {
    sampler.once('message', resolve);
    sampler.postMessage('stop');
  });
  await sampler.terminate();
  return { value, peakBytes };
}

/**
 * `statements.import` end to end: a generated camt.053 of `entries` entries booked into an encrypted demo
 * vault through the real command (parse, identities, reconciliation, de-duplication against the account,
 * authorisation, inserts, audit entry). Baseline: the same rows, already parsed, inserted into another
 * demo vault through the same writer in one transaction: what storing them costs without reading a file.
 */
export async function benchImport(dir: string, entries: number, emit: FigureSink): Promise<void> {
  const bytes = generateBenchStatement(entries);
  const vault = await demoVault(join(dir, 'import-vault'));
  const plain = await demoVault(join(dir, 'import-baseline-vault'));
  try {
    // A running app has a warm JIT: one small import of another day first.
    await dispatch(await openSession(vault), 'statements.import', { file: { name: 'warm-up.xml', bytes: generateBenchStatement(2000, '2025-03-02') } });
    const session = await openSession(vault);
    const load = loadavg()[0] ?? 0;
    const rssBefore = process.memoryUsage.rss();
    const cpu = process.cpuUsage();
    let importMs = 0;
    const { value: result, peakBytes } = await peakRss(async () => {
      let answer: Awaited<ReturnType<typeof dispatch<'statements.import'>>> | undefined;
      importMs = await timeMsAsync(async () => (answer = await dispatch(session, 'statements.import', { file: { name: 'bench.xml', bytes } })));
      return answer;
    });
    const used = process.cpuUsage(cpu);
    if (!result?.ok) throw new Error(`the benchmark import failed: ${result?.error.code} ${result?.error.message}`);
    if (result.value.imported !== entries || result.value.statements[0]?.reconciliation.status !== 'reconciled') throw new Error('the benchmark import booked another count or did not reconcile');

    const parsed = (await parseStatementFile(bytes)).statements[0]?.entries ?? [];
    const accountId = plain.db.prepare('SELECT id FROM accounts WHERE iban = ?').pluck().get(ACCOUNT) as string;
    const book = bookingWriter(plain.db);
    const source = { statementRecordId: null, format: 'camt.053.001.08', file: 'bench.xml' };
    const baselineMs = timeMs(() => plain.db.transaction(() => parsed.forEach((entry) => book(accountId, entry, source)))());

    const perSecond = Math.round((entries / importMs) * 1000);
    emit({
      figure: 'statements.import.camt053',
      unit: 'entries/s',
      value: perSecond,
      baseline: { name: 'same rows inserted, already parsed (entries/s)', value: Math.round((entries / baselineMs) * 1000) },
      ratio: round(baselineMs / importMs),
      goal: 'value >= 20000',
      met: perSecond >= 20_000,
      details: {
        entries, fileMiB: round(bytes.length / MiB, 1), wallMs: round(importMs, 0), cpuMs: round((used.user + used.system) / 1000, 0),
        peakRssDeltaMiB: round((peakBytes - rssBefore) / MiB, 0), rssBeforeMiB: round(rssBefore / MiB, 0), loadAverage1m: round(load, 2), encrypted: true,
      },
    });
  } finally {
    vault.lock();
    plain.lock();
  }
}

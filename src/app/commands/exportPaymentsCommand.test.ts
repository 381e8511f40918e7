import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { auditEntries, bankingRowCounts, makeDemoVault, storedPayment, type DemoVault } from '../../../test/fixtures/demo/demoVault.js';
import { describeWithVectors, readVector } from '../../../test/support/vectors.js';
import { openSession } from '../dispatch/openSession.js';
import { localAppSession } from '../session/openLocalSession.js';

let alice: DemoVault;
let folder: string;
beforeAll(async () => {
  alice = await makeDemoVault('alice');
  folder = mkdtempSync(join(tmpdir(), 'coffer-export-'));
});
afterAll(() => {
  alice?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/** The export as the CLI runs it: the file is delivered to `out` inside the command's transaction. */
const run = async ({ out, force = false, ...input }: { out: string; force?: boolean; currency?: 'EUR' | 'GBP' }) =>
  localAppSession(await openSession(alice.vault)).dispatch('payments.export', { format: 'pain.001', ...input }, { deliverTo: { path: out, overwrite: force } });

describe('when approved payments are in several currencies and none is named', () => {
  it('refuses with APP_BAD_INPUT asking for one currency per file', async () => {
    const result = await run({ out: join(folder, 'any.xml') });
    expect(result).toMatchObject({ ok: false, error: { code: 'APP_BAD_INPUT', message: 'currency: expected one currency per file, found approved payments in EUR, GBP: name one' } });
  });
});

describe('when alice exports the approved EUR payments', () => {
  it('writes a SEPA pain.001.001.09 file, and queues exactly those payments', async () => {
    const out = join(folder, 'eur.xml');
    const result = await run({ currency: 'EUR', out });
    expect(result).toMatchObject({ ok: true, value: { count: 1, currency: 'EUR', totalMinor: 7_800_00, payments: ['demo-0006'] } });
    const xml = readFileSync(out, 'utf8');
    expect(xml).toContain('<EndToEndId>demo-0006</EndToEndId>');
    expect(xml).toContain('<InstdAmt Ccy="EUR">7800.00</InstdAmt>');
    expect(storedPayment(alice.vault, 'demo-0006')).toMatchObject({ status: 'queued', version: 4 });
    // Only approved payments leave: the GBP one stays, and so does everything not yet approved.
    expect(storedPayment(alice.vault, 'demo-0007')).toMatchObject({ status: 'approved' });
    expect(storedPayment(alice.vault, 'demo-0005')).toMatchObject({ status: 'pending_approval' });
    const entry = auditEntries(alice.vault).at(-1);
    expect(entry).toMatchObject({ action: 'payments.export', outcome: 'allowed', details: { count: 1, currency: 'EUR', payments: ['demo-0006'], file: expect.stringMatching(/^pain\.001-EUR-[0-9a-f]{30}\.xml$/) as unknown } });
    if (!result.ok) throw new Error('unreachable');
    expect(entry?.target).toBe(result.value.messageId);
    expect(new TextDecoder().decode(result.value.file.bytes)).toBe(xml);
  });

  it('has nothing left to export afterwards: APP_NOTHING_TO_EXPORT, no file', async () => {
    const out = join(folder, 'again.xml');
    expect(await run({ currency: 'EUR', out })).toMatchObject({ ok: false, error: { code: 'APP_NOTHING_TO_EXPORT' } });
    expect(existsSync(out)).toBe(false);
  });
});

// EPC132-08 SCT C2PSP variant of pain.001.001.09 (../shared/vectors/README.md); skipped with a notice where absent.
describeWithVectors('the exported EUR file against the published EPC pain.001.001.09 schema', () => {
  it('is accepted', async () => {
    const xsd = readVector('iso20022/pain.001.001.09.xsd');
    const xml = readFileSync(join(folder, 'eur.xml'), 'utf8');
    const validation = await validateXML({ xml: { fileName: 'eur.xml', contents: xml }, schema: { fileName: 'pain.001.001.09.xsd', contents: xsd } });
    expect(validation.errors).toEqual([]);
  });
});

describe('when the target file cannot be written as asked', () => {
  it('refuses an existing file with APP_FILE_EXISTS and leaves it and the payments alone', async () => {
    const out = join(folder, 'taken.xml');
    writeFileSync(out, 'earlier file');
    const rows = bankingRowCounts(alice.vault);
    expect(await run({ currency: 'GBP', out })).toMatchObject({ ok: false, error: { code: 'APP_FILE_EXISTS' } });
    expect(readFileSync(out, 'utf8')).toBe('earlier file');
    expect(storedPayment(alice.vault, 'demo-0007')).toMatchObject({ status: 'approved' });
    expect(bankingRowCounts(alice.vault)).toEqual(rows);
  });

  it('refuses a folder that does not exist with APP_CANNOT_WRITE', async () => {
    expect(await run({ currency: 'GBP', out: join(folder, 'missing', 'gbp.xml') })).toMatchObject({ ok: false, error: { code: 'APP_CANNOT_WRITE' } });
    expect(storedPayment(alice.vault, 'demo-0007')).toMatchObject({ status: 'approved' });
  });

  it('never follows a symbolic link, even with --force: the file it points at stays as it was', async () => {
    const victim = join(folder, 'victim.txt');
    writeFileSync(victim, 'not a bank file');
    symlinkSync(victim, join(folder, 'link.xml'));
    expect(await run({ currency: 'GBP', out: join(folder, 'link.xml'), force: true })).toMatchObject({ ok: false, error: { code: 'APP_CANNOT_WRITE', message: expect.stringMatching(/symbolic link/) as unknown } });
    expect(readFileSync(victim, 'utf8')).toBe('not a bank file');
    expect(storedPayment(alice.vault, 'demo-0007')).toMatchObject({ status: 'approved' });
  });

  it('refuses to write into the vault folder, where a bank file could be taken for a vault file', async () => {
    expect(await run({ currency: 'GBP', out: join(alice.dir, 'gbp.xml') })).toMatchObject({ ok: false, error: { code: 'APP_CANNOT_WRITE' } });
    expect(existsSync(join(alice.dir, 'gbp.xml'))).toBe(false);
  });

  it('records a write that failed as a failed export, and the payments stay approved', async () => {
    const blocked = join(folder, 'not-a-folder');
    writeFileSync(blocked, '');
    expect(await run({ currency: 'GBP', out: join(blocked, 'gbp.xml') })).toMatchObject({ ok: false, error: { code: 'APP_CANNOT_WRITE' } });
    expect(auditEntries(alice.vault).at(-1)).toMatchObject({ action: 'payments.export', outcome: 'failed', reason: 'APP_CANNOT_WRITE' });
    expect(storedPayment(alice.vault, 'demo-0007')).toMatchObject({ status: 'approved' });
  });
});

describe('when only GBP payments are left approved and no currency is named', () => {
  it('writes a generic pain.001 (not SEPA) with the GBP payment over an existing file with --force, and queues it', async () => {
    const out = join(folder, 'taken.xml');
    expect(readFileSync(out, 'utf8')).toBe('earlier file');
    expect(await run({ out, force: true })).toMatchObject({ ok: true, value: { currency: 'GBP', count: 1, payments: ['demo-0007'] } });
    const xml = readFileSync(out, 'utf8');
    expect(xml).toContain('<ChrgBr>SHAR</ChrgBr>');
    expect(xml).not.toContain('<Cd>SEPA</Cd>');
    expect(storedPayment(alice.vault, 'demo-0007')).toMatchObject({ status: 'queued' });
  });
});

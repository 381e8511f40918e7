import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { auditEntries, bankingRowCounts, makeDemoVault, storedPayment, type DemoVault } from '../../../test/fixtures/demo/demoVault.js';
import { describeWithVectors, readVector } from '../../../test/support/vectors.js';
import { dispatch } from '../dispatch/dispatch.js';
import { openSession } from '../dispatch/openSession.js';

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

const run = async (input: object) => dispatch(await openSession(alice.vault), 'payments.export', { format: 'pain.001', ...input });

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
    expect(entry).toMatchObject({ action: 'payments.export', outcome: 'allowed', details: { count: 1, currency: 'EUR', payments: ['demo-0006'], file: 'eur.xml' } });
    if (!result.ok) throw new Error('unreachable');
    expect(entry?.target).toBe((result.value as { messageId: string }).messageId);
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

  it('refuses a folder that does not exist with APP_BAD_FILE', async () => {
    expect(await run({ currency: 'GBP', out: join(folder, 'missing', 'gbp.xml') })).toMatchObject({ ok: false, error: { code: 'APP_BAD_FILE' } });
    expect(storedPayment(alice.vault, 'demo-0007')).toMatchObject({ status: 'approved' });
  });
});

describe('when only GBP payments are left approved and no currency is named', () => {
  it('writes a generic pain.001 (not SEPA) with the GBP payment and queues it', async () => {
    const out = join(folder, 'gbp.xml');
    expect(await run({ out })).toMatchObject({ ok: true, value: { currency: 'GBP', count: 1, payments: ['demo-0007'] } });
    const xml = readFileSync(out, 'utf8');
    expect(xml).toContain('<ChrgBr>SHAR</ChrgBr>');
    expect(xml).not.toContain('<Cd>SEPA</Cd>');
    expect(storedPayment(alice.vault, 'demo-0007')).toMatchObject({ status: 'queued' });
  });
});

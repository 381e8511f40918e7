import { unlockVault } from '../src/vault/index.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coffer, type CliRun } from '../test/support/cofferCli.js';
import { openAsPlainSqlCipher4 } from '../test/support/sqlcipher.js';
import { tempDir } from '../test/support/tempDir.js';
import { fixturesDir } from '../test/fixtures/domain/vectors.js';
import { signDemoPayeeCheck } from '../src/app/demo/demoPayeeChecks.js';

// The published demo password (src/app/demo/seedDemoVault.ts, docs/commands.md).
const DEMO = { COFFER_PASSWORD: 'coffer demo password' };
const EUR_ACCOUNT = 'DE89370400440532013000';

async function seed(user: string): Promise<string> {
  const dir = join(tempDir(), `vault-${user}`);
  const run = (await coffer(['demo', 'seed', '--vault', dir, '--user', user]));
  expect(run.status, run.stderr).toBe(0);
  return dir;
}

describe('the demo flow on the command line', () => {
  let alice: string;
  let first: CliRun;
  beforeAll(async () => {
    // Shared by the steps of the flow (tempDir() is emptied after every test).
    alice = join(mkdtempSync(join(tmpdir(), 'coffer-e2e-banking-')), 'vault');
    first = (await coffer(['demo', 'seed', '--vault', alice, '--user', 'alice']));
  });
  afterAll(() => rmSync(join(alice, '..'), { recursive: true, force: true }));

  it('seeds a new vault for alice and prints what it made, with the password hint', async () => {
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('for alice (maker)');
    expect(first.stdout).toContain('21,000 over the past year');
    expect(first.stdout).toContain('Password hint: the demo password is "coffer demo password"');
    for (const status of ['draft', 'pending_approval', 'approved', 'queued', 'submitted', 'accepted', 'rejected', 'cancelled']) expect(first.stdout).toContain(status);
  });

  it('lists the three accounts as a table, and as JSON with integer minor units', async () => {
    const table = (await coffer(['accounts', 'list', '--vault', alice], DEMO));
    expect(table.status, table.stderr).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^IBAN\s+CURRENCY\s+BALANCE\s+NAME$/);
    const json = JSON.parse((await coffer(['accounts', 'list', '--vault', alice, '--json'], DEMO)).stdout) as { accounts: { iban: string; currency: string; balanceMinor: number }[] };
    expect(json.accounts.map((a) => a.currency).sort()).toEqual(['EUR', 'GBP', 'USD']);
    expect(json.accounts.every((a) => Number.isSafeInteger(a.balanceMinor))).toBe(true);
  });

  it('creates a payment (printing its id) and submits it for approval', async () => {
    const created = (await coffer(
      ['payments', 'create', '--vault', alice, '--from', EUR_ACCOUNT, '--to-name', 'Müller & Söhne <GmbH>', '--to-iban', 'AT61 1904 3002 3457 3201', '--amount', '1234.56', '--currency', 'EUR', '--reference', 'INV "42"'],
      DEMO,
    ));
    expect(created.status, created.stderr).toBe(0);
    const id = created.stdout.trim();
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect((await coffer(['payments', 'submit', id, '--vault', alice], DEMO)).stdout.trim()).toBe(`${id} pending_approval`);
    const shown = JSON.parse((await coffer(['payments', 'show', id, '--vault', alice, '--json'], DEMO)).stdout) as { payment: { status: string; amountMinor: number; creditor: { name: string } }; approval: { missing: string[] } };
    expect(shown.payment).toMatchObject({ status: 'pending_approval', amountMinor: 123456, creditor: { name: 'Müller & Söhne <GmbH>' } });
    // Up to 10,000.00 EUR: Bob E, Carol A — only Bob's E can release it alone, and no B exists for Carol's A.
    expect(shown.approval.missing).toEqual(['E']);
  });

  it('refuses an amount with too many decimals in one line, exit 1', async () => {
    const run = (await coffer(['payments', 'create', '--vault', alice, '--from', EUR_ACCOUNT, '--to-name', 'X', '--to-iban', 'AT611904300234573201', '--amount', '1.005', '--currency', 'EUR'], DEMO));
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('coffer: amount: expected at most 2 decimals for EUR, found 3 [APP_BAD_INPUT]\n');
  });

  it('exports the approved EUR payments as pain.001', async () => {
    const out = join(tempDir(), 'sepa.xml');
    const exported = (await coffer(['payments', 'export', '--vault', alice, '--format', 'pain.001', '--currency', 'EUR', '--out', out], DEMO));
    expect(exported.status, exported.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('urn:iso:std:iso:20022:tech:xsd:pain.001.001.09');
  });

  it('imports a camt.053 statement and a Sparkasse CSV, showing what was booked and the reconciliation', async () => {
    const camt = (await coffer(['statements', 'import', join(fixturesDir, 'camt053-v08-multi-entry.xml'), '--vault', alice], DEMO));
    expect(camt.status, camt.stderr).toBe(0);
    expect(camt.stdout).toContain('Imported 5 bookings from camt053-v08-multi-entry.xml (1 statement)');
    expect(camt.stdout).toContain('camt.053.001.08 statement 2025-03-03-DE89370400440532013000 → DE89370400440532013000 EUR (named by IBAN)');
    expect(camt.stdout).toContain('imported 5 (net 7,237.94 EUR)');
    expect(camt.stdout).toMatch(/^ {5}reconciliation: reconciled \(6 checks passed\)$/m);
    const csv = (await coffer(['statements', 'import', join(fixturesDir, 'csv-sparkasse-camt.csv'), '--vault', alice], DEMO));
    expect(csv.status, csv.stderr).toBe(0);
    expect(csv.stdout).toContain('imported 4 (net -2,203.50 EUR); skipped 1 not booked (PDNG)');
    expect(csv.stdout).toMatch(/^ {5}reconciliation: unchecked; not checked: no transactions summary \(TxsSummry\); no opening balance \(OPBD or PRCD\)$/m);
    expect(csv.stdout).toContain('CSV read as Sparkasse CSV-CAMT (V2 and V8): windows-1252, ";"-separated, decimal ",", header on line 1');
    expect(csv.stdout).toContain('2 cells look like spreadsheet formulas');
    const again = JSON.parse((await coffer(['statements', 'import', join(fixturesDir, 'camt053-v08-multi-entry.xml'), '--vault', alice, '--json'], DEMO)).stdout) as { imported: number; statements: { skipped: { message: string }[] }[] };
    expect(again).toMatchObject({ imported: 0, statements: [{ skipped: [{ message: '5 already booked from statement 2025-03-03-DE89370400440532013000 entries 1–5' }] }] });
    const found = JSON.parse((await coffer(['transactions', 'list', '--vault', alice, '--text', 'Beitrag Q4', '--json'], DEMO)).stdout) as { transactions: { amountMinor: number; endToEndId: string }[] };
    expect(found.transactions).toMatchObject([{ amountMinor: -226_000, endToEndId: 'MS-10023' }]);
  });

  it('refuses a statement that does not reconcile, and books it with --accept-unreconciled under a warning block', async () => {
    const differing = join(tempDir(), 'differs.xml');
    writeFileSync(differing, readFileSync(join(fixturesDir, 'camt053-v08-dayend.xml'), 'utf8').replace('<Amt Ccy="EUR">10510.50</Amt>', '<Amt Ccy="EUR">10610.50</Amt>').replaceAll('DE02120300000000202051', EUR_ACCOUNT));
    const refused = (await coffer(['statements', 'import', differing, '--vault', alice], DEMO));
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/^coffer: expected statements that reconcile with themselves, found 1 that differs: statement 1 of differs\.xml: balance .*nothing was booked.* \[APP_UNRECONCILED\]\n$/);
    const accepted = (await coffer(['statements', 'import', differing, '--vault', alice, '--accept-unreconciled'], DEMO));
    expect(accepted.status, accepted.stderr).toBe(0);
    expect(accepted.stdout).toContain('reconciliation: DIFFERS (1 of 8 checks failed)');
    expect(accepted.stdout).toContain('!! WARNING: 1 statement does not reconcile with itself (of 1 in the file); accepted because --accept-unreconciled was given');
    expect(accepted.stdout).toContain('!!     balance: the file states 10,610.50 EUR, its entries give 10,510.50 EUR — opening balance (OPBD) plus 6 booked entries does not give the closing balance (CLBD)');
  });

  it('shows each payment the bank\'s payee check in plain words, a no match in capitals', async () => {
    const show = async (id: string) => (await coffer(['payments', 'show', id, '--vault', alice], DEMO)).stdout;
    expect(await show('demo-0004')).toMatch(/^ {2}payee {5}NO MATCH: the name is not that of the account holder/m);
    expect(await show('demo-0005')).toMatch(/^ {2}payee {5}CLOSE MATCH: the bank holds "Boulangerie Éclair SAS" for this IBAN/m);
    expect(await show('demo-0001')).toMatch(/^ {2}payee {5}match: the name is the account holder's/m);
    expect(await show('demo-0008')).toMatch(/^ {2}payee {5}not checked \(offline\)/m);
    const json = JSON.parse((await coffer(['payments', 'show', 'demo-0005', '--vault', alice, '--json'], DEMO)).stdout) as { payeeCheck: unknown };
    expect(json.payeeCheck).toMatchObject({ status: 'checked', result: 'close-match', registeredName: 'Boulangerie Éclair SAS' });
  });

  it('records a payee check from the gateway\'s answer file, and refuses one the bank did not sign', async () => {
    const file = join(tempDir(), 'answer.jws');
    writeFileSync(file, `${(await signDemoPayeeCheck({ iban: 'BE68539007547034', name: 'Brussels Office Supplies' }, new Date(), 'e2e-check')).jws}\n`);
    const recorded = await coffer(['payees', 'record-check', '--payee', 'payee-brussels', '--answer-file', file, '--vault', alice], DEMO);
    expect([recorded.status, recorded.stdout.trim()]).toEqual([0, 'e2e-check not-possible']);
    expect((await coffer(['payments', 'show', 'demo-0008', '--vault', alice], DEMO)).stdout).toMatch(/payee {5}not possible: the payee's bank could not check this IBAN/);
    writeFileSync(file, 'eyJhbGciOiJub25lIn0.eyJyZXN1bHQiOiJtYXRjaCJ9.\n');
    const forged = await coffer(['payees', 'record-check', '--payment', 'demo-0004', '--answer-file', file, '--vault', alice], DEMO);
    expect(forged.status).toBe(1);
    expect(forged.stderr).toMatch(/\[APP_PAYEE_CHECK_UNTRUSTED\]\n$/);
  });

  it('refuses alice\'s approval of a payment with POLICY_DENIED', async () => {
    const run = (await coffer(['payments', 'approve', 'demo-0005', '--vault', alice], DEMO));
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/\[POLICY_DENIED\]\n$/);
  });
});

describe('a viewer on the command line', () => {
  it('cannot create a payment: exit 1 with POLICY_DENIED', async () => {
    const erin = await seed('erin');
    const run = (await coffer(['payments', 'create', '--vault', erin, '--from', EUR_ACCOUNT, '--to-name', 'Erin Ltd', '--to-iban', 'AT611904300234573201', '--amount', '10.00', '--currency', 'EUR'], DEMO));
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^coffer: payments:create needs a capability .* \[POLICY_DENIED\]\n$/);
  });
});

describe('an approver on the command line', () => {
  let bob: string;
  beforeAll(async () => {
    bob = join(mkdtempSync(join(tmpdir(), 'coffer-e2e-bob-')), 'vault');
    expect((await coffer(['demo', 'seed', '--vault', bob, '--user', 'bob'])).status).toBe(0);
  });
  afterAll(() => rmSync(join(bob, '..'), { recursive: true, force: true }));

  it('is told that approving needs a display when there is none, and nothing changes', async () => {
    const run = (await coffer(['payments', 'approve', 'demo-0005', '--vault', bob, '--json'], { ...DEMO, DISPLAY: '', WAYLAND_DISPLAY: '' }));
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(JSON.parse(run.stderr)).toMatchObject({ error: { code: 'DESKTOP_NO_DISPLAY', message: expect.stringContaining('there is no DISPLAY') } });
    const shown = (await coffer(['payments', 'show', 'demo-0005', '--vault', bob, '--json'], DEMO));
    expect(JSON.parse(shown.stdout)).toMatchObject({ payment: { status: 'pending_approval' }, approvals: [] });
  });

  it('may not export the data key: only the admin role does (POLICY_DENIED, audited)', async () => {
    const run = (await coffer(['vault', 'export-key', '--vault', bob, '--json'], DEMO));
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(JSON.parse(run.stderr)).toMatchObject({ error: { code: 'POLICY_DENIED' } });
  });

  it('is told why when the cached policy is tampered with, and refused', async () => {
    // Bob knows his password, so he can unwrap the data key from vault.keys himself, as any attacker at his desk.
    const vault = await unlockVault(bob, { password: DEMO.COFFER_PASSWORD }, { autoLockMs: null });
    const keyHex = vault.withDataKey((key) => key.toString('hex'));
    vault.lock();
    const db = openAsPlainSqlCipher4(join(bob, 'vault.db'), keyHex);
    const jws = db.prepare('SELECT jws FROM org_policy').pluck().get() as string;
    db.prepare('UPDATE org_policy SET jws = ?').run(`${jws.slice(0, -4)}AAAA`);
    db.close();
    const run = (await coffer(['accounts', 'list', '--vault', bob], DEMO));
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^coffer: expected an organisation policy signed by the bank's EdDSA key.* \[POLICY_BAD_SIGNATURE\]$/);
    expect(lines[1]).toMatch(/\[POLICY_BAD_SIGNATURE\]$/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, EUR_ACCOUNT, makeDemoVaultCopies, type DemoVault } from '../../../test/fixtures/demo/demoVault.js';
import { TEST_PASSWORD } from '../../../test/support/testVault.js';
import { balanceOf } from '../../../test/support/statementImport.js';
import { generateCamt053 } from '../../domain/index.js';
import { unlockVault, type UnlockedVault } from '../../vault/index.js';
import { dispatch } from '../dispatch/dispatch.js';
import { openSession } from '../dispatch/openSession.js';
import { IN_THREAD_BELOW_BYTES, readStatementFile } from './statementImport/readStatementFile.js';

// 1,200 generated entries (about 700 KiB): above IN_THREAD_BELOW_BYTES, so the dispatcher reads the file in a
// statements.read worker, as it does a bank's day-end file of a large company.
const ENTRIES = 1200;
const generated = generateCamt053(ENTRIES, { iban: EUR_ACCOUNT });
const bytes = new TextEncoder().encode(generated.xml);
const file = { name: 'day-end.xml', bytes };

/** Everything an import may change, as stored: bookings, statements, balances, seals, and the log's entries. */
function contents(vault: UnlockedVault) {
  const all = (sql: string) => vault.db.prepare(sql).all();
  return {
    bookings: all('SELECT * FROM statement_transactions ORDER BY rowid'),
    statements: all('SELECT * FROM statements ORDER BY id'),
    accounts: all('SELECT * FROM accounts ORDER BY id'),
    seals: all('SELECT * FROM record_seals ORDER BY tbl, id'),
  };
}

let vaults: DemoVault[];
beforeAll(async () => {
  vaults = await makeDemoVaultCopies('alice', 3, { bookingsPerAccount: 5 });
});
afterAll(() => vaults?.forEach((v) => v.close()));

describe('when a statement file too large to read in place is imported', () => {
  it('reads it in a worker into the same statements and entries as in place', async () => {
    expect(bytes.byteLength).toBeGreaterThan(IN_THREAD_BELOW_BYTES);
    const inWorker = await readStatementFile(bytes, { fileName: file.name, inThreadBelowBytes: 0 });
    const inPlace = await readStatementFile(bytes, { fileName: file.name, inThreadBelowBytes: Infinity });
    expect(inWorker.statements[0]?.entries).toHaveLength(ENTRIES);
    expect(inWorker).toEqual(inPlace);
  });

  it('books every entry, moves the balance by their sum, and reports reading then booking progress', async () => {
    const { vault } = vaults[0] as DemoVault;
    const before = balanceOf(vault, EUR_ACCOUNT);
    const seen: { done: number; total: number }[] = [];
    const result = await dispatch(await openSession(vault), 'statements.import', { file }, { onProgress: (p) => seen.push(p) });
    expect(result).toMatchObject({ ok: true, value: { imported: ENTRIES, skipped: 0, differing: 0 } });
    expect(balanceOf(vault, EUR_ACCOUNT)).toBe(before + generated.netMinor);
    // Reading: entries taken over from the worker, a chunk at a time; then booking, from 0 of the fresh entries.
    const booking = seen.findIndex((p) => p.done === 0);
    expect(booking).toBeGreaterThan(0);
    expect(seen.slice(0, booking).every((p) => p.total === ENTRIES && p.done > 0)).toBe(true);
    expect(seen[booking - 1]).toEqual({ done: ENTRIES, total: ENTRIES });
    expect(seen.at(-1)).toEqual({ done: ENTRIES, total: ENTRIES });
  });
});

describe('when an import is cancelled while it runs', () => {
  it.each([
    { when: 'while the worker reads the file', copy: 1, atStart: true },
    { when: 'after the first entries were taken over from the worker', copy: 2, atStart: false },
  ])('$when: refuses it with APP_CANCELLED and leaves the vault as it was, still opening', async ({ copy, atStart }) => {
    const demo = vaults[copy] as DemoVault;
    const { vault } = demo;
    const before = contents(vault);
    const logBefore = auditEntries(vault);
    const controller = new AbortController();
    const onProgress = (progress: { done: number }) => {
      if (progress.done > 0) controller.abort();
    };
    const importing = dispatch(await openSession(vault), 'statements.import', { file }, { signal: controller.signal, onProgress });
    // The worker is being started (the dispatcher is awaiting it) when this runs.
    if (atStart) setImmediate(() => controller.abort());
    const result = await importing;
    expect(result).toMatchObject({ ok: false, error: { code: 'APP_CANCELLED' } });
    expect(contents(vault)).toEqual(before);
    // The log keeps what it had, and the attempt as one failed entry (every failure is audited).
    const log = auditEntries(vault);
    expect(log.slice(0, logBefore.length)).toEqual(logBefore);
    expect(log.slice(logBefore.length)).toMatchObject([{ action: 'statements.import', outcome: 'failed', reason: 'APP_CANCELLED' }]);
    vault.lock();
    const again = await unlockVault(demo.dir, { password: TEST_PASSWORD }, { autoLockMs: null });
    try {
      expect(contents(again)).toEqual(before);
    } finally {
      again.lock();
    }
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch, openSession } from '../src/app/index.js';
import { enrolmentRegistrationChallenge } from '../src/domain/index.js';
import { openStore, type GatewayStore } from '../src/server/index.js';
import { bookStatementEntries } from '../src/server/statements/bookStatementEntries.js';
import { unlockVault } from '../src/vault/index.js';
import { coffer } from '../test/support/cofferCli.js';
import { anotherCode, approvalArrives, demoBankWithCode } from '../test/support/enrolledVault.js';
import { expectBankBalances } from '../test/support/bankBalances.js';
import { postgresAvailable } from '../test/support/gatewayStores.js';
import { freshDatabaseUrl, serve } from '../test/support/gatewayProcess.js';
import { enrolmentWithKeys } from '../test/support/paymentGateway.js';
import { registerKey, softwareKey } from '../test/support/softwareAuthenticator.js';
import { tempDir } from '../test/support/tempDir.js';

// Many CLI processes and gateway restarts; on a loaded 2-core machine each start takes seconds.
const TEST_TIMEOUT_MS = 300_000;
const PASSWORD = 'sync test password 9012';
const EUR = 'DE89370400440532013000';
/** Enough bookings that a sync takes many pages (500 each), so a gateway killed during it is killed mid-way. */
const LATE_BOOKINGS = 6000;

const stores = [
  { kind: 'sqlite', store: () => Promise.resolve({ args: ['--data', tempDir()], env: {} as Record<string, string> }) },
  { kind: 'postgres', store: async () => ({ args: [] as string[], env: { DATABASE_URL: await freshDatabaseUrl() } }) },
] as const;

function lateBookings(count: number) {
  return Array.from({ length: count }, (_, n) => ({
    iban: EUR,
    entry_ref: `LATE-${n + 1}`,
    booking_date: '2026-11-30',
    value_date: '2026-11-30',
    amount_minor: n % 2 === 0 ? 1000 : -400,
    currency: 'EUR',
    counterparty_name: 'Late Customer GmbH',
    counterparty_iban: 'FR1420041010050500013M02606',
    remittance: `late ${n + 1}`,
  }));
}

for (const { kind, store: storeOf } of stores) {
  describe.skipIf(kind === 'postgres' && !postgresAvailable)(`coffer sync against coffer server on ${kind}`, () => {
    it('a payment made offline is sent once, a gateway killed mid-sync loses nothing, and a second sync sends nothing', async () => {
      const { args, env } = await storeOf();
      const bank: GatewayStore = await openStore(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: args[1] ?? '' });
      try {
        const { code } = await demoBankWithCode(bank, 'alice');
        let gateway = await serve([...args, '--port', '0'], env);
        const port = new URL(gateway.url).port;
        const bob = softwareKey();
        const enrolled = await enrolmentWithKeys(gateway.url, await anotherCode(bank, 'bob'), (device) => [registerKey(bob, enrolmentRegistrationChallenge(device.publicKey))]);
        expect(enrolled.answer.status).toBe(201);

        const vault = join(tempDir(), 'vault');
        const user = { COFFER_PASSWORD: PASSWORD };
        const cli = (more: string[]) => coffer(['--json', ...more, '--vault', vault], user);
        expect((await cli(['init'])).status).toBe(0);
        expect((await coffer(['enrol', '--vault', vault, '--server', gateway.url, '--code', code], user)).status).toBe(0);
        expect((await cli(['sync'])).status).toBe(0);

        // Offline: the gateway is gone while Alice prepares a payment and Bob's approval reaches her vault.
        await gateway.kill();
        const open = await unlockVault(vault, { password: PASSWORD }, { autoLockMs: null });
        const session = await openSession(open);
        const created = await dispatch(session, 'payments.create', { from: EUR, toName: 'Boulangerie Éclair SARL', toIban: 'FR1420041010050500013M02606', amount: '75.00', currency: 'EUR' });
        if (!created.ok) throw new Error(created.error.message);
        const id = created.value.id;
        expect(await dispatch(session, 'payments.submit', { id })).toMatchObject({ ok: true });
        approvalArrives(open, id, { userId: 'bob', key: bob, signatureClass: 'E' });
        open.lock();
        const offline = await cli(['sync']);
        expect([offline.status, offline.stderr]).toEqual([1, expect.stringContaining('APP_GATEWAY_UNREACHABLE')]);

        // Back online with many new bookings, and killed again while the sync takes them over.
        gateway = await serve([...args, '--port', port], env);
        await bank.db.transaction().execute((trx) => bookStatementEntries(trx, bank.dialect, lateBookings(LATE_BOOKINGS)));
        const cut = cli(['sync']);
        await new Promise((done) => setTimeout(done, 1500));
        await gateway.kill();
        // Usually cut off mid-way (CLI start and 12+ pages take longer than the wait); what follows holds either way.
        const cutRun = await cut;
        if (cutRun.status !== 0) expect(cutRun.stderr).toContain('APP_GATEWAY_UNREACHABLE');

        gateway = await serve([...args, '--port', port], env);
        const resumed = await cli(['sync']);
        expect(resumed.status, resumed.stderr).toBe(0);
        const again = JSON.parse((await cli(['sync'])).stdout) as { payments: { sent: number }; statements: { entries: number }[] };
        expect(again.payments.sent).toBe(0);
        expect(again.statements.map((account) => account.entries)).toEqual([0, 0, 0]);

        const check = await unlockVault(vault, { password: PASSWORD }, { autoLockMs: null });
        try {
          expect(check.db.prepare('SELECT status FROM payments WHERE id = ?').pluck().get(id)).toBe('accepted');
          const booked = check.db.prepare('SELECT count(*) FROM statement_transactions').pluck().get();
          const fed = await bank.db.selectFrom('statement_feed').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
          expect(booked).toBe(Number(fed.n));
          // Every page of the cut and resumed sync added up: the vault holds the bank's balance of each account.
          await expectBankBalances(check, bank);
        } finally {
          check.lock();
        }
        expect(await bank.db.selectFrom('payments').select('payment_id').execute()).toEqual([{ payment_id: id }]);
      } finally {
        await bank.close();
      }
    }, TEST_TIMEOUT_MS);
  });
}

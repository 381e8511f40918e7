import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coffer } from '../test/support/cofferCli.js';
import { postgresAvailable } from '../test/support/gatewayStores.js';
import { freshDatabaseUrl, serve } from '../test/support/gatewayProcess.js';
import { tempDir } from '../test/support/tempDir.js';

// Each test starts several CLI processes; on a loaded 2-core machine one takes seconds to start.
const CLI_TEST_TIMEOUT_MS = 180_000;
const PASSWORD = 'enrolment test password 5678';
const stores = [
  { kind: 'sqlite', storeArgs: () => Promise.resolve({ args: ['--data', tempDir()], env: {} }) },
  { kind: 'postgres', storeArgs: async () => ({ args: [], env: { DATABASE_URL: await freshDatabaseUrl() } }) },
] as const;

/** Bank staff seed the demo bank and issue Alice a code; the gateway runs; Alice makes a fresh vault. */
async function demoBankAndFreshVault(storeArgs: (typeof stores)[number]['storeArgs']) {
  const { args, env } = await storeArgs();
  const staff = (more: string[]) => coffer(['--json', 'server', ...args, '--staff', 'sam', ...more], env);
  expect((await staff(['seed-demo'])).status).toBe(0);
  const { code } = JSON.parse((await staff(['user', 'activation-code', '--org', 'demo-nordlicht', '--user', 'alice'])).stdout) as { code: string };
  const gateway = await serve([...args, '--port', '0'], env);
  const vault = join(tempDir(), 'vault');
  const user = { COFFER_PASSWORD: PASSWORD };
  expect((await coffer(['init', '--vault', vault], user)).status).toBe(0);
  return { code, gateway, vault, user };
}

for (const { kind, storeArgs } of stores) {
  describe.skipIf(kind === 'postgres' && !postgresAvailable)(`coffer enrol against coffer server on ${kind}`, () => {
    it('a fresh vault enrols with the code bank staff issued, then works as that user with the bank\'s accounts', async () => {
      const { code, gateway, vault, user } = await demoBankAndFreshVault(storeArgs);

      const plain = await coffer(['enrol', '--vault', vault, '--server', 'http://bank.example', '--code', code], user);
      expect([plain.status, plain.stderr]).toEqual([1, expect.stringMatching(/^coffer: expected https .*\[APP_INSECURE_GATEWAY\]\n$/)]);

      const enrolled = await coffer(['--json', 'enrol', '--vault', vault, '--server', gateway.url, '--code', code], user);
      expect(enrolled.status, enrolled.stderr).toBe(0);
      expect(JSON.parse(enrolled.stdout)).toMatchObject({ userId: 'alice', orgId: 'demo-nordlicht', roles: ['maker'], accounts: 3, keys: [] });

      const accounts = await coffer(['--json', 'accounts', 'list', '--vault', vault], user);
      expect(accounts.stderr).toBe('');
      const listed = (JSON.parse(accounts.stdout) as { accounts: { iban: string; balanceMinor: number }[] }).accounts;
      expect(listed).toHaveLength(3);
      // The bank's balances (opening plus a year of bookings), not sums from 0: the demo bank's never go negative.
      for (const account of listed) expect([account.iban, account.balanceMinor > 0]).toEqual([account.iban, true]);
      const again = await coffer(['enrol', '--vault', vault, '--server', gateway.url, '--code', code], user);
      expect([again.status, /\[POLICY_DENIED\]/.test(again.stderr)]).toEqual([1, true]);
    }, CLI_TEST_TIMEOUT_MS);

    it("the enrolling run's entries, the enrolment and the take-over of the statement history, are Alice's in the audit log, not the unnamed owner's", async () => {
      const { code, gateway, vault, user } = await demoBankAndFreshVault(storeArgs);
      const enrolled = await coffer(['--json', 'enrol', '--vault', vault, '--server', gateway.url, '--code', code], user);
      expect(enrolled.status, enrolled.stderr).toBe(0);

      // Alice is a maker, so `audit log` shows her own entries only: entries of that run given to "owner" are missing here.
      const log = await coffer(['--json', 'audit', 'log', '--vault', vault, '--action', 'bank.statements'], user);
      expect(log.status, log.stderr).toBe(0);
      const { entries, scope } = JSON.parse(log.stdout) as { scope: string; entries: { actor: { userId: string }; target: string }[] };
      expect(scope).toBe('own');
      expect(new Set(entries.map((entry) => entry.target))).toEqual(new Set(['DE62370400440532013001', 'DE89370400440532013000', 'GB29NWBK60161331926819']));
      expect(new Set(entries.map((entry) => entry.actor.userId))).toEqual(new Set(['alice']));

      // The enrolment itself too: written with the change that made the vault Alice's.
      const enrolment = await coffer(['--json', 'audit', 'log', '--vault', vault, '--action', 'bank.enrol'], user);
      expect(enrolment.status, enrolment.stderr).toBe(0);
      const own = JSON.parse(enrolment.stdout) as { scope: string; entries: { action: string; outcome: string; actor: { userId: string }; target: string }[] };
      expect(own.scope).toBe('own');
      expect(own.entries.map(({ action, outcome, actor, target }) => ({ action, outcome, userId: actor.userId, target }))).toEqual([
        { action: 'bank.enrol', outcome: 'allowed', userId: 'alice', target: 'demo-nordlicht' },
      ]);
    }, CLI_TEST_TIMEOUT_MS);

    it('killed after the gateway enrolled it but before the vault stored anything, the vault enrols again with the same code', async () => {
      const { code, gateway, vault, user } = await demoBankAndFreshVault(storeArgs);

      const killed = await coffer(['--json', 'enrol', '--vault', vault, '--server', gateway.url, '--code', code], { ...user, COFFER_TEST_CRASH_AT: 'enrol:after-gateway' });
      expect([killed.status, killed.stdout]).toEqual([null, '']);
      const fresh = await coffer(['--json', 'accounts', 'list', '--vault', vault], user);
      expect((JSON.parse(fresh.stdout) as { accounts: unknown[] }).accounts).toHaveLength(0);

      const enrolled = await coffer(['--json', 'enrol', '--vault', vault, '--server', gateway.url, '--code', code], user);
      expect(enrolled.status, enrolled.stderr).toBe(0);
      expect(JSON.parse(enrolled.stdout)).toMatchObject({ userId: 'alice', orgId: 'demo-nordlicht', accounts: 3 });
      const synced = await coffer(['--json', 'sync', '--vault', vault], user);
      expect(synced.status, synced.stderr).toBe(0);
    }, CLI_TEST_TIMEOUT_MS);
  });
}

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openStore, type OpenStoreOptions } from '../src/server/index.js';
import { coffer } from '../test/support/cofferCli.js';
import { freshDatabaseUrl, serve } from '../test/support/gatewayProcess.js';
import { postgresAvailable } from '../test/support/gatewayStores.js';
import { approve, enrolUser, order, ORG, paymentOrg, submitPayment } from '../test/support/paymentGateway.js';
import { tempDir } from '../test/support/tempDir.js';

// Several CLI processes each; on a loaded 2-core machine one takes seconds to start.
const CLI_TEST_TIMEOUT_MS = 240_000;
const COPIES = 100;

const stores = [
  { kind: 'sqlite', processes: 1, open: () => Promise.resolve(((dir: string) => ({ args: ['--data', dir], env: {}, options: { dataDir: dir } as OpenStoreOptions }))(tempDir())) },
  { kind: 'postgres', processes: 2, open: async () => ((url: string) => ({ args: [], env: { DATABASE_URL: url }, options: { databaseUrl: url } as OpenStoreOptions }))(await freshDatabaseUrl()) },
] as const;

for (const { kind, processes, open } of stores) {
  describe.skipIf(kind === 'postgres' && !postgresAvailable)(`coffer server payments on ${kind}`, () => {
    it(`${processes} gateway process(es) accept a payment sent ${COPIES} times once, and bank staff export it as pain.001 and mark it executed once`, async () => {
      const { args, env, options } = await open();
      let paymentId = '';
      const store = await openStore(options);
      try {
        await paymentOrg(store);
        const gateways: { url: string }[] = [];
        for (let i = 0; i < processes; i += 1) gateways.push(await serve([...args, '--port', '0'], env));
        const urlOf = (i: number) => gateways[i % gateways.length]?.url ?? '';
        const alice = await enrolUser(store, urlOf(0), 'alice');
        const bob = await enrolUser(store, urlOf(1), 'bob');
        const payment = order();
        const submission = { payment, approvals: [approve(bob.hardwareKey, payment)] };
        const answers = await Promise.all(Array.from({ length: COPIES }, (_, i) => submitPayment(urlOf(i), alice, submission)));
        expect(answers.map((answer) => answer.status).sort()).toEqual([201, ...Array.from({ length: COPIES - 1 }, () => 409)]);
        paymentId = payment.id;
      } finally {
        await store.close();
      }
      const out = tempDir();
      const run = (more: string[]) => coffer(['--json', 'server', ...args, '--staff', 'sam', 'payments', 'export', '--org', ORG, ...more], env);
      const exported = await run(['--out', out]);
      expect(exported.status).toBe(0);
      const { files } = JSON.parse(exported.stdout) as { files: { file: string; currency: string; payments: number }[] };
      expect(files.map((file) => [file.currency, file.payments])).toEqual([['EUR', 1]]);
      const xml = readFileSync(files[0]?.file ?? '', 'utf8');
      expect(xml).toContain('urn:iso:std:iso:20022:tech:xsd:pain.001.001.09');
      expect((await run(['--out', out])).stdout).toBe('{"files":[]}\n');

      const mark = (more: string[]) => coffer(['server', ...args, '--staff', 'sam', 'payments', 'mark', '--org', ORG, '--id', paymentId, ...more], env);
      const both = await mark(['--executed', '--rejected', 'AM04']);
      expect([both.status, both.stderr]).toEqual([2, expect.stringContaining('expected exactly one of --executed and --rejected REASON')]);
      const unknownReason = await mark(['--rejected', 'XX99']);
      expect([unknownReason.status !== 0, unknownReason.stderr]).toEqual([true, expect.stringContaining('SERVER_BAD_REQUEST')]);
      const executed = await mark(['--executed']);
      expect([executed.status, executed.stdout.replace(/audit entry \d+/, 'audit entry N')]).toEqual([0, `${paymentId} executed; status report signed, audit entry N\n`]);
      const listed = await coffer(['server', ...args, 'payments', 'list', '--org', ORG], env);
      expect([listed.status, listed.stdout.trim().split(/ {2,}/).slice(0, 3)]).toEqual([0, [paymentId, 'executed', '2,300.00 EUR']]);
      const again = await mark(['--rejected', 'AM04']);
      expect([again.status !== 0, again.stderr]).toEqual([true, expect.stringContaining('SERVER_PAYMENT_ALREADY_MARKED')]);
    }, CLI_TEST_TIMEOUT_MS);
  });
}

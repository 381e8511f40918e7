import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { describe, expect, it } from 'vitest';
import { coffer } from '../test/support/cofferCli.js';
import { enrol, signedGet } from '../test/support/gatewayClient.js';
import { postgresAvailable } from '../test/support/gatewayStores.js';
import { freshDatabaseUrl, serve } from '../test/support/gatewayProcess.js';
import { tempDir } from '../test/support/tempDir.js';

// Each test starts several CLI processes; on a loaded 2-core machine one takes seconds to start.
const CLI_TEST_TIMEOUT_MS = 180_000;
const stores = [
  { kind: 'sqlite', storeArgs: () => Promise.resolve({ args: ['--data', tempDir()], env: {} }) },
  { kind: 'postgres', storeArgs: async () => ({ args: [], env: { DATABASE_URL: await freshDatabaseUrl() } }) },
] as const;

for (const { kind, storeArgs } of stores) {
  describe.skipIf(kind === 'postgres' && !postgresAvailable)(`coffer server on ${kind}`, () => {
    it('bank staff set up an organisation, a device enrols, and the gateway stops on SIGTERM', async () => {
      const { args, env } = await storeArgs();
      const run = (more: string[]) => coffer(['--json', 'server', ...args, '--staff', 'sam', ...more], env);
      expect((await run(['org', 'create', '--org', 'acme', '--name', 'Acme GmbH'])).status).toBe(0);
      expect((await run(['user', 'add', '--org', 'acme', '--user', 'ann', '--name', 'Ann Maker', '--roles', 'maker'])).status).toBe(0);
      const issued = await run(['user', 'activation-code', '--org', 'acme', '--user', 'ann', '--valid-minutes', '30']);
      const { code } = JSON.parse(issued.stdout) as { code: string };
      const gateway = await serve([...args, '--port', '0'], env);
      const device = await enrol(gateway.url, code);
      expect((await signedGet(gateway.url, '/v1/policy', device)).status).toBe(200);
      expect(await gateway.stop()).toBe(0);
      expect(JSON.parse((await run(['audit', 'verify'])).stdout)).toEqual({ entries: 4 });
    }, CLI_TEST_TIMEOUT_MS);

    it('refuses bad input with one line and a code, and changes nothing', async () => {
      const { args, env } = await storeArgs();
      const run = (more: string[]) => coffer(['server', ...args, ...more], env);
      expect((await run(['org', 'create', '--org', 'acme', '--name', 'Acme GmbH'])).status).toBe(0);
      const bad = await run(['account', 'add', '--org', 'acme', '--iban', 'DE00370400440532013000', '--currency', 'EUR', '--name', 'X']);
      expect(bad.status).toBe(1);
      expect(bad.stderr).toMatch(/^coffer: iban: expected an IBAN whose check digits and country format hold \[SERVER_BAD_REQUEST\]\n$/);
      const account = ['account', 'add', '--org', 'acme', '--iban', 'DE89370400440532013000', '--currency', 'EUR', '--name', 'Operating'];
      const cents = await run([...account, '--opening-balance', '1200.505']);
      expect([cents.status, cents.stderr]).toEqual([1, 'coffer: opening balance: expected at most 2 decimals for EUR, found 3 [SERVER_BAD_REQUEST]\n']);
      expect((await run([...account, '--opening-balance', '-1,200.50', '--opening-date', '2026-11-01'])).status).toBe(0);
      const plain = await run(['--host', '0.0.0.0', '--port', '0']);
      expect([plain.status, /SERVER_PLAIN_HTTP_REFUSED/.test(plain.stderr)]).toEqual([1, true]);
      const unlimited = await run(['--port', '0', '--rate-limit', '0']);
      expect([unlimited.status, unlimited.stderr]).toEqual([2, 'coffer: expected --rate-limit as a whole number of requests per minute, at least 1, found 0 [CLI_USAGE]\n']);
      const keys = ['keys', 'allow', '--org', 'acme'];
      expect(await run([...keys, '--aaguid', 'yubikey'])).toMatchObject({ status: 1, stderr: expect.stringMatching(/^coffer: aaguids\[0\]: expected an AAGUID: .* \[SERVER_BAD_REQUEST\]\n$/) });
      expect(await run(keys)).toMatchObject({ status: 2, stderr: 'coffer: expected either --aaguid (one or more) or --any [CLI_USAGE]\n' });
      const allowed = await run([...keys, '--aaguid', 'CB69481E-8FF7-4039-93EC-0A2729A154A8']);
      expect([allowed.status, allowed.stdout]).toEqual([0, expect.stringMatching(/^authenticator models cb69481e-8ff7-4039-93ec-0a2729a154a8 allowed for acme; policy version 3 signed/)]);
      expect((await coffer(['--json', 'server', ...args, 'audit', 'verify'], env)).stdout).toBe('{"entries":3}\n');
    }, CLI_TEST_TIMEOUT_MS);
  });
}

describe('coffer server with TLS', () => {
  it.skipIf(!hasOpenssl())('serves HTTPS with the given certificate', async () => {
    const dir = tempDir();
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', `${dir}/key.pem`, '-out', `${dir}/cert.pem`], { stdio: 'ignore' });
    const gateway = await serve(['--data', `${dir}/data`, '--port', '0', '--tls-cert', `${dir}/cert.pem`, '--tls-key', `${dir}/key.pem`], {});
    expect(gateway.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const body = await new Promise<string>((done, fail) => {
      httpsRequest(`${gateway.url}/healthz`, { ca: readFileSync(`${dir}/cert.pem`) }, (response) => {
        let text = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk)).on('end', () => done(text));
      }).on('error', fail).end();
    });
    expect(JSON.parse(body)).toEqual({ status: 'ok' });
  });
});

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

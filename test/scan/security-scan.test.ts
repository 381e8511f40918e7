import { spawnSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTool } from '../../scripts/security/runTool.js';
import { tempDir } from '../support/tempDir.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

/**
 * Runs `npm run scan -- --only audit` with npm pointed at another registry and a throw-away cache;
 * asynchronously, since the stand-in service answers from this very process.
 */
async function scanAuditAgainst(registry: string) {
  const env = { ...process.env, npm_config_registry: registry, npm_config_cache: tempDir('coffer-npm-cache-') };
  const run = await runTool(tsx, ['scripts/security-scan.ts', '--only', 'audit'], { cwd: root, env });
  return { code: run.code, output: `${run.stdout}${run.stderr}` };
}

/** A stand-in for the npm advisory service: answers the bulk query, and the packument npm then reads. */
function advisoryService(advisories: object) {
  return http.createServer(function answer(request, response) {
    request.resume().on('end', () => {
      if (request.method === 'POST' && request.url === '/-/npm/v1/security/advisories/bulk') {
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(advisories));
      } else if (request.method === 'GET' && request.url === '/canonicalize') {
        const version = { name: 'canonicalize', version: '2.1.0' };
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ name: 'canonicalize', 'dist-tags': { latest: '2.1.0' }, versions: { '2.1.0': version } }));
      } else {
        response.writeHead(404).end('{}');
      }
    });
  });
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

describe('the npm audit scan', () => {
  const high = advisoryService({
    canonicalize: [{ id: 1, url: 'https://advisories.invalid/1', title: 'Test advisory', severity: 'high', vulnerable_versions: '<=2.1.0', cwe: [], cvss: { score: 7.5, vectorString: null } }],
  });
  const clean = advisoryService({});
  let [highUrl, cleanUrl, closedUrl] = ['', '', ''];
  beforeAll(async () => {
    [highUrl, cleanUrl] = await Promise.all([listen(high), listen(clean)]);
    const closed = http.createServer();
    closedUrl = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
  });
  afterAll(() => {
    high.close();
    clean.close();
  });

  describe('when the advisory service cannot be reached', () => {
    it('passes with a loud warning naming what was not checked', async () => {
      const { code, output } = await scanAuditAgainst(closedUrl);
      expect(code).toBe(0);
      expect(output).toMatch(/WARNING: npm audit could not reach the advisory service \(.*ECONNREFUSED.*\): known vulnerabilities of the \d+ packages in package-lock.json were NOT checked/);
      expect(output).toContain('!'.repeat(100));
    });
  });

  describe('when the service reports a high advisory against an installed package', () => {
    it('fails, naming the package and the advisory', async () => {
      const { code, output } = await scanAuditAgainst(highUrl);
      expect(code).toBe(1);
      expect(output).toContain('FAILED');
      expect(output).toContain('canonicalize: high');
      expect(output).toContain('Test advisory (https://advisories.invalid/1)');
    });
  });

  describe('when the service knows no advisory for any installed package', () => {
    it('passes and says how many packages were audited', async () => {
      const { code, output } = await scanAuditAgainst(cleanUrl);
      expect(code).toBe(0);
      expect(output).toMatch(/scan: audit +ok .* \d+ packages audited: 0 critical, 0 high/);
      expect(output).not.toContain('WARNING');
    });
  });
});

describe('the secret scan configuration', () => {
  // Assembled at run time, so that this file itself holds no token-shaped text for the scan to find.
  const token = ['gh', 'p_', 'wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUx'].join('');

  it('finds a GitHub token with the project rules, masked in the report', () => {
    const secretlint = path.join(root, 'node_modules/.bin/secretlint');
    const run = spawnSync(secretlint, ['--secretlintrc', '.secretlintrc.json', '--stdinFileName', 'leaked.ts', '--no-color', '--format', 'unix'], {
      cwd: root, input: `export const token = '${token}';\n`, encoding: 'utf8', timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('GITHUB_TOKEN');
    expect(run.stdout).not.toContain(token);
  });
});

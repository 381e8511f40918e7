import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coffer } from '../support/cofferCli.js';
import { tempDir } from '../support/tempDir.js';

// Attack (outside attack run, issue 9): options that were silently ignored gave false comfort — a pinned
// key that was not checked, a vault that was not verified, a date filter that filtered nothing.
const env = { COFFER_PASSWORD: 'options attack password 42' };

async function twoVaults(): Promise<{ dir: string; otherKey: string }> {
  const dir = join(tempDir(), 'vault');
  const other = join(tempDir(), 'other');
  for (const folder of [dir, other]) expect((await coffer(['init', '--vault', folder], env)).status).toBe(0);
  const { verifierKey } = JSON.parse((await coffer(['audit', 'checkpoint', '--vault', other, '--json'], env)).stdout) as { verifierKey: string };
  return { dir, otherKey: verifierKey };
}

describe('when audit verify is pinned to another device key', () => {
  it('checks the vault against that key and fails with AUDIT_BAD_SIGNATURE instead of ignoring it', async () => {
    const { dir, otherKey } = await twoVaults();
    const run = await coffer(['audit', 'verify', '--vault', dir, '--trusted-key', otherKey, '--json'], env);
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stderr)).toMatchObject({ error: { code: 'AUDIT_BAD_SIGNATURE' } });
  });
});

describe('when audit verify gets both a bundle and a vault', () => {
  it('refuses the command line (exit 2) instead of verifying only the bundle', async () => {
    const dir = join(tempDir(), 'vault');
    const run = await coffer(['audit', 'verify', '--vault', dir, '--bundle', join(tempDir(), 'b.json')], env);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--bundle FILE or --vault DIR, not both.*\[CLI_USAGE\]/);
  });
});

describe('when audit log gets a time it cannot read', () => {
  for (const since of ['garbage', '01.12.2026', '2026-13-01']) {
    it(`refuses --since ${since} with APP_BAD_INPUT naming the option, instead of an empty or full table`, async () => {
      const dir = join(tempDir(), 'vault');
      expect((await coffer(['init', '--vault', dir], env)).status).toBe(0);
      const run = await coffer(['audit', 'log', '--vault', dir, '--since', since], env);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/^coffer: since: .*\[APP_BAD_INPUT\]\n$/);
    });
  }

  it('refuses --limit x naming --limit, not another option', async () => {
    const dir = join(tempDir(), 'vault');
    expect((await coffer(['init', '--vault', dir], env)).status).toBe(0);
    const run = await coffer(['audit', 'log', '--vault', dir, '--limit', 'x'], env);
    expect(run.stderr).toMatch(/^coffer: limit: .*\[APP_BAD_INPUT\]\n$/);
  });
});

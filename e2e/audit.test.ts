import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditBundle } from '../src/contract/index.js';
import { coffer } from '../test/support/cofferCli.js';
import { tempDir } from '../test/support/tempDir.js';

const PASSWORD = 'audit test password 1234';
const env = { COFFER_PASSWORD: PASSWORD };

async function newVault(): Promise<string> {
  const dir = join(tempDir(), 'vault');
  expect((await coffer(['init', '--vault', dir], env)).status).toBe(0);
  return dir;
}

describe('coffer audit', () => {
  it('logs a wrong password at the next unlock, and verify reports size and root', async () => {
    const dir = await newVault();
    expect((await coffer(['unlock', '--vault', dir], { COFFER_PASSWORD: 'not the right one at all' })).status).toBe(1);
    const denied = (await coffer(['audit', 'log', '--vault', dir, '--json', '--outcome', 'denied'], env));
    const { scope, entries } = JSON.parse(denied.stdout) as { scope: string; entries: { action: string; reason: string }[] };
    expect(scope).toBe('all');
    expect(entries).toEqual([expect.objectContaining({ action: 'vault.unlock', reason: 'VAULT_WRONG_PASSWORD' })]);
    const verified = JSON.parse((await coffer(['audit', 'verify', '--vault', dir, '--json'], env)).stdout) as { verified: boolean; size: number };
    expect(verified.verified).toBe(true);
    expect(verified.size).toBe(3); // init, the refused guess, the unlock of `audit log`
  });

  it('exports a bundle that verifies without vault or password, and refuses an edited one', async () => {
    const dir = await newVault();
    const out = join(tempDir(), 'bundle.json');
    expect((await coffer(['audit', 'export', '--vault', dir, '--out', out], env)).status).toBe(0);
    const ok = (await coffer(['audit', 'verify', '--bundle', out, '--json']));
    expect(ok.status, ok.stderr).toBe(0);

    const bundle = JSON.parse(readFileSync(out, 'utf8')) as AuditBundle;
    const first = bundle.entries[0];
    if (!first) throw new Error('bundle has no entries');
    first.data = Buffer.from(Buffer.from(first.data, 'base64').toString('utf8').replace('vault.init', 'vault.tnit')).toString('base64');
    writeFileSync(out, JSON.stringify(bundle));
    const refused = (await coffer(['audit', 'verify', '--bundle', out]));
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/\[AUDIT_ROOT_MISMATCH\]\n$/);
  });

  it('refuses a bundle pinned to another device key', async () => {
    const dir = await newVault();
    const other = await newVault();
    const out = join(tempDir(), 'bundle.json');
    (await coffer(['audit', 'export', '--vault', dir, '--out', out], env));
    const otherKey = (JSON.parse((await coffer(['audit', 'checkpoint', '--vault', other, '--json'], env)).stdout) as { verifierKey: string }).verifierKey;
    expect((await coffer(['audit', 'verify', '--bundle', out, '--trusted-key', otherKey])).stderr).toMatch(/AUDIT_BAD_SIGNATURE/);
  });

  it('proves inclusion of an entry against the latest checkpoint', async () => {
    const dir = await newVault();
    const proof = JSON.parse((await coffer(['audit', 'prove', '--vault', dir, '--index', '0', '--json'], env)).stdout) as {
      leafIndex: number;
      treeSize: number;
      hashes: string[];
      checkpoint: string;
    };
    expect(proof.leafIndex).toBe(0);
    expect(proof.hashes.length).toBeGreaterThan(0);
    expect(proof.checkpoint.split('\n')[1]).toBe(String(proof.treeSize));
    expect((await coffer(['audit', 'prove', '--vault', dir, '--index', '999'], env)).stderr).toMatch(/AUDIT_OUT_OF_RANGE/);
  });
});

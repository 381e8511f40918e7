import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openAsPlainSqlCipher4 } from '../test/support/sqlcipher.js';
import { coffer } from '../test/support/cofferCli.js';
import { tempDir } from '../test/support/tempDir.js';
import { repoRoot } from '../test/fixtures/domain/vectors.js';

const execFileAsync = promisify(execFile);

const PASSWORD = 'cli test password 1234';
const NEW_PASSWORD = 'a brand new password 5678';

async function newVault(): Promise<{ dir: string; recoveryCode: string; vaultId: string }> {
  const dir = join(tempDir(), 'vault');
  const run = (await coffer(['init', '--vault', dir, '--json'], { COFFER_PASSWORD: PASSWORD }));
  expect(run.status, run.stderr).toBe(0);
  const { recoveryCode, vaultId } = JSON.parse(run.stdout) as { recoveryCode: string; vaultId: string };
  return { dir, recoveryCode, vaultId };
}

describe('coffer --version', () => {
  it("prints package.json's version and exits 0", async () => {
    const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    const run = await coffer(['--version']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe(version);
  });
});

describe('coffer init / unlock', () => {
  it('creates a vault, then unlock prints its id', async () => {
    const { dir, vaultId } = await newVault();
    const run = (await coffer(['unlock', '--vault', dir], { COFFER_PASSWORD: PASSWORD }));
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(vaultId);
  });

  it('refuses a wrong password with exit 1 and one line naming VAULT_WRONG_PASSWORD, without echoing it', async () => {
    const { dir } = await newVault();
    const run = (await coffer(['unlock', '--vault', dir], { COFFER_PASSWORD: 'guess number one, long' }));
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('coffer: wrong password [VAULT_WRONG_PASSWORD]\n');
    expect(run.stdout).toBe('');
  });

  it('gives --json errors as one JSON line with the code', async () => {
    const { dir } = await newVault();
    const run = (await coffer(['unlock', '--vault', dir, '--json'], { COFFER_PASSWORD: 'guess number two, long' }));
    expect(JSON.parse(run.stderr)).toEqual({ error: { code: 'VAULT_WRONG_PASSWORD', message: 'wrong password' } });
  });

  it('reads the password from --password-file', async () => {
    const { dir, vaultId } = await newVault();
    const file = join(tempDir(), 'pw');
    writeFileSync(file, `${PASSWORD}\n`, { mode: 0o600 });
    expect((await coffer(['unlock', '--vault', dir, '--password-file', file])).stdout.trim()).toBe(vaultId);
  });

  it('fails with CLI_NO_SECRET instead of hanging when there is no terminal and no secret', async () => {
    const { dir } = await newVault();
    const run = (await coffer(['unlock', '--vault', dir]));
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/\[CLI_NO_SECRET\]\n$/);
  });

  it('refuses a weak password at init and creates nothing', async () => {
    const dir = join(tempDir(), 'vault');
    const run = (await coffer(['init', '--vault', dir], { COFFER_PASSWORD: 'short' }));
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/VAULT_WEAK_PASSWORD/);
    expect((await coffer(['unlock', '--vault', dir], { COFFER_PASSWORD: 'short' })).stderr).toMatch(/VAULT_NOT_FOUND/);
  });

  it('refuses a vault path that cannot be a directory with one VAULT_IO line', async () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, 'not a directory');
    const run = (await coffer(['init', '--vault', join(file, 'vault')], { COFFER_PASSWORD: PASSWORD }));
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`coffer: cannot create the vault directory ${join(file, 'vault')} (ENOTDIR) [VAULT_IO]\n`);
  });

  it('refuses to init over an existing vault with VAULT_EXISTS', async () => {
    const { dir } = await newVault();
    expect((await coffer(['init', '--vault', dir], { COFFER_PASSWORD: PASSWORD })).stderr).toMatch(/VAULT_EXISTS/);
  });

  it('exits 2 on an unknown command', async () => {
    expect((await coffer(['transmogrify'])).status).toBe(2);
  });
});

describe('coffer passwd / vault export-key / vault rekey', () => {
  it('changes the password, and the recovery code can set another one', async () => {
    const { dir, recoveryCode } = await newVault();
    expect((await coffer(['passwd', '--vault', dir], { COFFER_PASSWORD: PASSWORD, COFFER_NEW_PASSWORD: NEW_PASSWORD })).status).toBe(0);
    expect((await coffer(['unlock', '--vault', dir], { COFFER_PASSWORD: PASSWORD })).status).toBe(1);
    expect((await coffer(['unlock', '--vault', dir], { COFFER_PASSWORD: NEW_PASSWORD })).status).toBe(0);
    const recovered = (await coffer(['passwd', '--recovery', '--vault', dir], { COFFER_RECOVERY_CODE: recoveryCode, COFFER_NEW_PASSWORD: PASSWORD }));
    expect(recovered.status, recovered.stderr).toBe(0);
    expect((await coffer(['unlock', '--vault', dir], { COFFER_PASSWORD: PASSWORD })).status).toBe(0);
    // Seven processes, each deriving a key from a password with the vault's full KDF cost: at a load of 11 on
    // two cores they took just over a minute (a lone-clone `make test` beside four other engineers' runs).
  }, 180_000);

  it('exports a key that opens vault.db as plain SQLCipher 4; after rekey that key no longer does', async () => {
    const { dir } = await newVault();
    const exported = (await coffer(['vault', 'export-key', '--vault', dir], { COFFER_PASSWORD: PASSWORD }));
    const keyHex = exported.stdout.trim();
    expect(keyHex).toMatch(/^[0-9a-f]{64}$/);
    expect(exported.stderr).not.toContain(keyHex);
    const db = openAsPlainSqlCipher4(join(dir, 'vault.db'), keyHex);
    expect(db.prepare('SELECT count(*) AS n FROM accounts').get()).toEqual({ n: 0 });
    db.close();

    const rekey = (await coffer(['vault', 'rekey', '--vault', dir, '--json'], { COFFER_PASSWORD: PASSWORD }));
    expect(rekey.status, rekey.stderr).toBe(0);
    const stale = openAsPlainSqlCipher4(join(dir, 'vault.db'), keyHex);
    expect(() => stale.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow();
    stale.close();
    const newKey = (await coffer(['vault', 'export-key', '--vault', dir], { COFFER_PASSWORD: PASSWORD })).stdout.trim();
    expect(newKey).not.toBe(keyHex);
    const { recoveryCode } = JSON.parse(rekey.stdout) as { recoveryCode: string };
    expect((await coffer(['unlock', '--recovery', '--vault', dir], { COFFER_RECOVERY_CODE: recoveryCode })).status).toBe(0);
  });

  it('never writes the password into vault files', async () => {
    const { dir } = await newVault();
    for (const name of ['vault.db', 'vault.keys']) expect(readFileSync(join(dir, name)).includes(PASSWORD)).toBe(false);
  });
});

describe('coffer doctor', () => {
  it('states the FIPS status honestly and names the cipher library', async () => {
    const report = JSON.parse((await coffer(['doctor', '--json'])).stdout) as { fips: { statement: string; providerActive: boolean }; cipher: string };
    expect(report.cipher).toMatch(/SQLite3 Multiple Ciphers/);
    expect(report.fips.statement).toBe(
      report.fips.providerActive ? 'OpenSSL FIPS provider active' : 'approved algorithms only, provider not FIPS-validated',
    );
  });
});

/** The bundle and its worker entries (long commands load them from beside it) copied to a folder of their own. */
async function packagedCli() {
  expect((await coffer(['--help'])).status).toBe(0); // brings dist/ up to date
  const packaged = join(tempDir(), 'packaged');
  mkdirSync(packaged);
  const built = readdirSync(join(repoRoot, 'dist')).filter((name) => name === 'coffer.mjs' || name.endsWith('.worker.mjs'));
  expect(built).toEqual(expect.arrayContaining(['coffer.mjs', 'hashRange.worker.mjs']));
  for (const name of built) copyFileSync(join(repoRoot, 'dist', name), join(packaged, name));
  symlinkSync(join(repoRoot, 'node_modules'), join(packaged, 'node_modules'));
  const env = { ...process.env, COFFER_PASSWORD: 'coffer demo password' };
  return (args: string[]) => execFileAsync(process.execPath, [join(packaged, 'coffer.mjs'), ...args], { env });
}

describe('a packaged CLI, copied away from the checkout', () => {
  it('runs on the capabilities embedded in its bundle, with no capabilities/ folder anywhere near it', async () => {
    const run = await packagedCli();
    const vault = join(tempDir(), 'vault');
    await run(['demo', 'seed', '--vault', vault, '--user', 'alice']);
    const { stdout } = await run(['accounts', 'list', '--vault', vault, '--json']);
    expect((JSON.parse(stdout) as { accounts: unknown[] }).accounts).toHaveLength(3);
  });
  it('verifies a log and a bundle on worker threads started from the worker entries beside it', { timeout: 180_000 }, async () => {
    const run = await packagedCli();
    const vault = join(tempDir(), 'dave');
    const bundle = join(tempDir(), 'bundle.json');
    await run(['demo', 'seed', '--vault', vault, '--user', 'dave']);
    expect(JSON.parse((await run(['audit', 'verify', '--vault', vault, '--json'])).stdout)).toMatchObject({ verified: true });
    await run(['audit', 'export', '--vault', vault, '--out', bundle]);
    expect(JSON.parse((await run(['audit', 'verify', '--bundle', bundle, '--json'])).stdout)).toMatchObject({ verified: true });
  });
});

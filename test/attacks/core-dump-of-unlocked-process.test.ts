import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, readlinkSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coreDumpsDisabled } from '../../src/vault/index.js';
import { makeTestVault, TEST_PASSWORD } from '../support/testVault.js';

const REPO = resolve(import.meta.dirname, '..', '..');
const PROBE = 'import { coreDumpsDisabled } from "./src/vault/processHardening.ts"; console.log(String(coreDumpsDisabled()))';
const onLinux = process.platform === 'linux';
// Raising the soft limit needs a hard limit above 0; a machine whose hard limit is 0 cannot dump at all.
const canAllowDumps = onLinux && spawnSync('bash', ['-c', 'ulimit -c unlimited'], { encoding: 'utf8' }).status === 0;
if (!canAllowDumps) console.info('core-dump test: the hard core limit is 0 here (or not Linux); the "dumps allowed" case is skipped');

function probeWith(limit: string): string {
  const run = spawnSync('bash', ['-c', `ulimit -c ${limit}; exec node --import tsx/esm --input-type=module -e '${PROBE}'`], {
    cwd: REPO,
    encoding: 'utf8',
  });
  return run.stdout.trim();
}

/** The soft core limit of a running process, once it has become Node (bin/coffer is bash until its `exec`). */
async function coreLimitOnceNode(pid: number): Promise<string> {
  for (let tries = 0; tries < 200; tries++) {
    try {
      if (readlinkSync(`/proc/${pid}/exe`) === process.execPath) {
        const line = readFileSync(`/proc/${pid}/limits`, 'utf8').split('\n').find((l) => l.startsWith('Max core file size'));
        return line?.slice('Max core file size'.length).trim().split(/\s+/)[0] ?? 'unknown';
      }
    } catch {
      // Not started or already gone: try again.
    }
    await new Promise((done) => setTimeout(done, 25));
  }
  throw new Error('bin/coffer never became a Node process');
}

describe('when a Coffer process that holds the data key crashes or is made to dump core', () => {
  it.skipIf(!onLinux)('coreDumpsDisabled says true under ulimit -c 0', () => {
    expect(probeWith('0')).toBe('true');
  });

  it.skipIf(!canAllowDumps)('coreDumpsDisabled says false when dumps are allowed', () => {
    expect(probeWith('unlimited')).toBe('false');
  });

  it.skipIf(!canAllowDumps)('bin/coffer runs Node with a core limit of 0 even when its caller allowed dumps', async () => {
    // Hold the vault so the child's unlock waits on the lock for a while: time enough to look at it.
    const { dir, vault } = await makeTestVault();
    const child = spawn('bash', ['-c', `ulimit -c unlimited; exec "${REPO}/bin/coffer" unlock --vault "$1"`, 'bash', dir], {
      env: { ...process.env, COFFER_PASSWORD: TEST_PASSWORD },
      stdio: 'ignore',
    });
    try {
      expect(await coreLimitOnceNode(child.pid ?? -1)).toBe('0');
    } finally {
      await new Promise((done) => child.on('close', done));
      vault.lock();
    }
  }, 60_000);

  it('reads the limit from /proc/self/limits and knows nothing where that file is missing', () => {
    expect(coreDumpsDisabled('/no/such/limits')).toBeUndefined();
    if (onLinux) expect(typeof coreDumpsDisabled()).toBe('boolean');
  });
});

/**
 * A child process for test/attacks/full-or-read-only-disk.test.ts: it runs one vault operation on a file
 * system the parent made full or read-only (a tmpfs in a private mount namespace) and prints the outcome as
 * one JSON line: {"ok":true} or {"code":…,"message":…}. Run by Node with tsx, as crashChild.ts is.
 *
 *   create DIR PW                   createVault
 *   unlock DIR PW                   unlockVault, then lock
 *   fill-then FILLER OP DIR PW NEW  unlock, fill the disk through FILLER, then OP: passwd | transact | rekey
 */
import { writeSync, openSync, closeSync } from 'node:fs';
import { changePassword, createVault, PBKDF2_MIN_ITERATIONS, rekeyVault, unlockVault } from '../../src/vault/index.js';

const TEST_KDF = { iterations: PBKDF2_MIN_ITERATIONS };

function arg(index: number): string {
  const value = process.argv[index];
  if (value === undefined) throw new Error(`fsFailureChild: argument ${index - 1} is missing`);
  return value;
}

/** Writes to `path` until the file system says it is full. */
function fillDisk(path: string): void {
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
}

async function run(): Promise<void> {
  const mode = arg(2);
  if (mode === 'create') {
    (await createVault(arg(3), arg(4), { ...TEST_KDF, autoLockMs: null })).vault.lock();
  } else if (mode === 'unlock') {
    (await unlockVault(arg(3), { password: arg(4) }, { autoLockMs: null })).lock();
  } else if (mode === 'fill-then') {
    const [filler, op, dir, password, next] = [arg(3), arg(4), arg(5), arg(6), process.argv[7] ?? ''];
    const vault = await unlockVault(dir, { password }, { autoLockMs: null });
    try {
      fillDisk(filler);
      if (op === 'passwd') await changePassword(vault, next, TEST_KDF);
      else if (op === 'rekey') await rekeyVault(vault, password, TEST_KDF);
      else vault.transact({ action: 'test.write' }, (db) => db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('k', ?, 'now')").run('x'.repeat(200_000)));
    } finally {
      vault.lock();
    }
  } else {
    throw new Error(`fsFailureChild: unknown mode ${mode}`);
  }
}

run().then(
  () => process.stdout.write(`${JSON.stringify({ ok: true })}\n`),
  (error: unknown) => {
    const coded = error as { code?: unknown; message?: unknown };
    process.stdout.write(`${JSON.stringify({ code: String(coded.code), message: String(coded.message) })}\n`);
  },
);

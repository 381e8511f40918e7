/**
 * A child process for the crash-safety tests (test/crash/): it runs one vault operation in a loop and
 * reports every step that has returned on stdout, one line each, so the parent that SIGKILLs it knows what
 * was promised before the kill. stdout is a pipe, which Node writes synchronously on Linux: once a line is
 * printed it reaches the parent even if the process dies on the next instruction.
 *
 *   init DIR PW                 `ready`, then createVault, then `created <recovery code>`
 *   passwd-loop DIR PW_A PW_B   `ready`, then changes the password A→B→A… forever: `changed-to A|B`
 *   rekey-loop DIR PW           `ready`, then rekeys forever: `rekeyed <new recovery code>`
 *   write-loop DIR PW           `ready`, then 10,000 rows in transactions of 100: `committed N`, then `done`
 *   audited-write-loop DIR PW   as write-loop, each transaction through vault.transact (rows + audit entry),
 *                               a checkpoint every 10 transactions
 *
 * COFFER_TEST_CRASH_AT (read by src/vault/crashPoint.ts) makes the vault kill this process at a named step.
 */
import {
  changePassword,
  createVault,
  PBKDF2_MIN_ITERATIONS,
  rekeyVault,
  unlockVault,
  type UnlockedVault,
} from '../../src/vault/index.js';
import { CRASH_ROWS_DDL, insertCrashRows, ROWS_PER_BATCH, WRITE_LOOP_ROWS } from '../crash/crashRows.js';

// Not TEST_KDF from ./testVault.js: that module pulls in vitest, which refuses to load outside a test run.
const TEST_KDF = { iterations: PBKDF2_MIN_ITERATIONS };

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function argument(index: number, name: string): string {
  const value = process.argv[index];
  if (value === undefined) throw new Error(`crashChild: expected ${name} as argument ${index - 1}, found nothing`);
  return value;
}

async function unlock(dir: string, password: string): Promise<UnlockedVault> {
  return unlockVault(dir, { password }, { autoLockMs: null });
}

async function init(dir: string, password: string): Promise<void> {
  say('ready');
  const { vault, recoveryCode } = await createVault(dir, password, { ...TEST_KDF, autoLockMs: null });
  say(`created ${recoveryCode}`);
  vault.lock();
}

async function passwdLoop(dir: string, passwordA: string, passwordB: string): Promise<never> {
  const vault = await unlock(dir, passwordA);
  say('ready');
  for (let round = 0; ; round++) {
    const toB = round % 2 === 0;
    await changePassword(vault, toB ? passwordB : passwordA, TEST_KDF);
    say(`changed-to ${toB ? 'B' : 'A'}`);
  }
}

async function rekeyLoop(dir: string, password: string): Promise<never> {
  const vault = await unlock(dir, password);
  say('ready');
  for (;;) {
    const { recoveryCode } = await rekeyVault(vault, password, TEST_KDF);
    say(`rekeyed ${recoveryCode}`);
  }
}

async function writeLoop(dir: string, password: string): Promise<void> {
  const vault = await unlock(dir, password);
  vault.db.exec(CRASH_ROWS_DDL);
  say('ready');
  for (let last = ROWS_PER_BATCH; last <= WRITE_LOOP_ROWS; last += ROWS_PER_BATCH) {
    insertCrashRows(vault.db, last - ROWS_PER_BATCH + 1, last);
    say(`committed ${last}`);
  }
  vault.lock();
  say('done');
}

async function auditedWriteLoop(dir: string, password: string): Promise<void> {
  const vault = await unlock(dir, password);
  vault.db.exec(CRASH_ROWS_DDL);
  say('ready');
  for (let last = ROWS_PER_BATCH; last <= WRITE_LOOP_ROWS; last += ROWS_PER_BATCH) {
    vault.transact({ action: 'crash.write', target: String(last) }, (db) => insertCrashRows(db, last - ROWS_PER_BATCH + 1, last));
    if ((last / ROWS_PER_BATCH) % 10 === 0) vault.audit.checkpoint();
    say(`committed ${last}`);
  }
  vault.lock();
  say('done');
}

async function main(): Promise<void> {
  const mode = argument(2, 'a mode');
  const dir = argument(3, 'a vault directory');
  switch (mode) {
    case 'init':
      return init(dir, argument(4, 'a password'));
    case 'passwd-loop':
      return passwdLoop(dir, argument(4, 'password A'), argument(5, 'password B'));
    case 'rekey-loop':
      return rekeyLoop(dir, argument(4, 'a password'));
    case 'write-loop':
      return writeLoop(dir, argument(4, 'a password'));
    case 'audited-write-loop':
      return auditedWriteLoop(dir, argument(4, 'a password'));
    default:
      throw new Error(`crashChild: expected init, passwd-loop, rekey-loop or write-loop, found ${mode}`);
  }
}

main().catch((error: unknown) => {
  const coded = error as { code?: unknown; message?: unknown };
  process.stderr.write(`crashChild failed: ${String(coded.code)}: ${String(coded.message)}\n`);
  process.exit(1);
});

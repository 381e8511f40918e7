import type { Command } from 'commander';
import { initVault } from '../../app/index.js';
import { runAppCommand, withAppSession } from '../appSession.js';
import { globalOptions, readNewPassword, vaultDir } from '../globalOptions.js';
import { printResult } from '../output.js';
import { keyUnlockTurnedOffText } from './keyUnlockTurnedOffText.js';

const KEPT_COPIES =
  'A copy of the old vault.keys still opens this vault with the old secret (the data key is the same): run `coffer vault rekey`, or `passwd --rekey`, if one may exist.';

export function registerVaultLifecycle(program: Command): void {
  program
    .command('init')
    .description('create a vault (password slot and recovery code) in a missing or empty, private folder')
    .action(async (_opts, command: Command) => {
      const options = globalOptions(command);
      const password = await readNewPassword(options, 'COFFER_PASSWORD');
      const result = await initVault(vaultDir(options), password);
      printResult(options, result, () =>
        [
          `Created vault ${result.vaultId} in ${result.dir}`,
          `Password key derivation: PBKDF2-HMAC-SHA512, ${result.kdfIterations.toLocaleString('en')} iterations`,
          '',
          'Recovery code (shown once: write it down and keep it away from this computer):',
          '',
          `    ${result.recoveryCode}`,
          '',
        ].join('\n'),
      );
    });

  program
    .command('unlock')
    .description('check the password (or --recovery code); prints the vault id')
    .option('--recovery', 'unlock with the recovery code instead of the password')
    .action((opts: { recovery?: boolean }, command: Command) =>
      withAppSession(
        command,
        (session, options) => {
          const { vaultId, failedAttempts, notices } = session.facts;
          printResult(options, { vaultId, failedAttemptsSinceLastUnlock: failedAttempts, notices }, () =>
            failedAttempts > 0 ? `${vaultId}\n(${failedAttempts} failed attempts since the last unlock)` : vaultId,
          );
          return Promise.resolve();
        },
        { recovery: opts.recovery === true },
      ),
    );

  program
    .command('passwd')
    .description('change the password (rewraps one key slot); --recovery if the password is forgotten')
    .option('--recovery', 'prove with the recovery code instead of the current password')
    .option('--rekey', 'also rotate the data key, so a kept copy of the old vault.keys opens nothing (issues a new recovery code)')
    .action(async (opts: { recovery?: boolean; rekey?: boolean }, command: Command) => {
      const options = globalOptions(command);
      // Ask for the new password before unlocking, so a typo in it never leaves an unlocked vault waiting.
      const newPassword = await readNewPassword(options, 'COFFER_NEW_PASSWORD');
      await runAppCommand(
        command,
        'vault.passwd',
        { newPassword, rekey: opts.rekey === true },
        (v) =>
          v.rekeyed
            ? [`Password changed and data key rotated for vault ${v.vaultId}.`, '', 'New recovery code (the old one no longer works):', '', `    ${v.recoveryCode ?? ''}`, ''].join('\n') + keyUnlockTurnedOffText(v.keyUnlockTurnedOff)
            : [`Password changed for vault ${v.vaultId}.`, KEPT_COPIES].join('\n'),
        { recovery: opts.recovery === true },
      );
    });

  program
    .command('show')
    .description('what the vault holds: user, roles, slots, schema, row counts (no secrets)')
    .action((_opts, command: Command) =>
      runAppCommand(command, 'vault.show', {}, (v) =>
        [
          `Vault ${v.vaultId} (${vaultDir(globalOptions(command))}) of ${v.userId} (${v.roles.join(', ') || 'no roles'})`,
          `  policy ${v.policy.status}${v.policy.message ? `: ${v.policy.message}` : ''}`,
          `  schema version ${v.schemaVersion}, key file generation ${v.keyFileGeneration}`,
          '  key slots:',
          ...v.slots.map((slot) => {
            // A hardware key's slot is wrapped by HKDF over the key's PRF output: it has no iteration count.
            const pbkdf2 = `PBKDF2 ${slot.kdfIterations.toLocaleString('en')} it.`;
            const kdf = slot.kind === 'webauthn-prf' ? 'HKDF over the key' : slot.kind === 'password-and-key' ? `${pbkdf2}, then HKDF with the key` : pbkdf2;
            return `    ${slot.id.padEnd(18)} ${slot.kind.padEnd(12)} ${slot.state.padEnd(8)} ${kdf}`;
          }),
          '  records:',
          ...Object.entries(v.rows).map(([table, n]) => `    ${table.padEnd(24)} ${n.toLocaleString('en').padStart(8)}`),
        ].join('\n'),
      ),
    );

  const settings = program.command('settings').description('vault settings');
  settings
    .command('show')
    .description('the auto-lock time')
    .action((_opts, command: Command) => runAppCommand(command, 'settings.show', {}, (v) => `auto-lock after ${v.autoLockSeconds} s idle`));
  settings
    .command('set')
    .description('change the auto-lock time (admin)')
    .requiredOption('--auto-lock <seconds>', 'lock after this many idle seconds (30 to 28800)')
    .action((opts: { autoLock: string }, command: Command) =>
      runAppCommand(command, 'settings.set', { autoLockSeconds: /^\d{1,9}$/.test(opts.autoLock) ? Number(opts.autoLock) : opts.autoLock }, (v) => `auto-lock after ${v.autoLockSeconds} s idle`),
    );
}

export { KEPT_COPIES };

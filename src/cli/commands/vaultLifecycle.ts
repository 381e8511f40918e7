import type { Command } from 'commander';
import { changeVaultPassword, checkUnlock, describeVault, initVault, type VaultSecret } from '../../app/index.js';
import { printResult } from '../output.js';
import { globalOptions, readNewPassword, readPassword, readRecoveryCode, vaultDir, type GlobalOptions } from '../globalOptions.js';

async function readProof(options: GlobalOptions, recovery: boolean | undefined): Promise<VaultSecret> {
  return recovery ? { recoveryCode: await readRecoveryCode(options) } : { password: await readPassword(options) };
}

export function registerVaultLifecycle(program: Command): void {
  program
    .command('init')
    .description('create a vault (password slot and recovery code)')
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
    .action(async (opts: { recovery?: boolean }, command: Command) => {
      const options = globalOptions(command);
      const result = await checkUnlock(vaultDir(options), await readProof(options, opts.recovery));
      for (const notice of result.notices) process.stderr.write(`coffer: ${notice}\n`);
      printResult(options, result, () => {
        const failed = result.failedAttemptsSinceLastUnlock;
        return failed > 0 ? `${result.vaultId}\n(${failed} failed attempts since the last unlock)` : result.vaultId;
      });
    });

  program
    .command('passwd')
    .description('change the password (rewraps one key slot); --recovery if the password is forgotten')
    .option('--recovery', 'prove with the recovery code instead of the current password')
    .action(async (opts: { recovery?: boolean }, command: Command) => {
      const options = globalOptions(command);
      const proof = await readProof(options, opts.recovery);
      const newPassword = await readNewPassword(options, 'COFFER_NEW_PASSWORD');
      const result = await changeVaultPassword(vaultDir(options), proof, newPassword);
      printResult(options, { ...result, changed: true }, () => `Password changed for vault ${result.vaultId}`);
    });

  program
    .command('show')
    .description('what the vault holds: slots, schema, row counts (no secrets)')
    .action(async (_opts, command: Command) => {
      const options = globalOptions(command);
      const summary = await describeVault(vaultDir(options), { password: await readPassword(options) });
      printResult(options, summary, () =>
        [
          `Vault ${summary.vaultId} (${summary.dir})`,
          `  schema version ${summary.schemaVersion}, key file generation ${summary.keyFileGeneration}`,
          '  key slots:',
          ...summary.slots.map(
            (slot) => `    ${slot.id.padEnd(18)} ${slot.kind.padEnd(9)} ${slot.state.padEnd(8)} PBKDF2 ${slot.kdfIterations.toLocaleString('en')} it.`,
          ),
          '  records:',
          ...Object.entries(summary.rows).map(([table, n]) => `    ${table.padEnd(24)} ${n.toLocaleString('en').padStart(8)}`),
        ].join('\n'),
      );
    });
}

import type { Command } from 'commander';
import { exportDataKey, issueRecoveryCode, rotateDataKey } from '../../app/index.js';
import { printResult } from '../output.js';
import { globalOptions, readPassword, vaultDir } from '../globalOptions.js';

export function registerVaultKeys(program: Command): void {
  const vault = program.command('vault').description('data key operations');

  vault
    .command('export-key')
    .description('print the raw data key as hex (disaster recovery with stock SQLCipher 4)')
    .action(async (_opts, command: Command) => {
      const options = globalOptions(command);
      const result = await exportDataKey(vaultDir(options), await readPassword(options));
      process.stderr.write('Anyone holding this key reads the vault without a password; run `coffer vault rekey` once it is no longer needed.\n');
      printResult(options, result, () => result.dataKeyHex);
    });

  vault
    .command('rekey')
    .description('new data key for the whole database (PRAGMA rekey); issues a new recovery code')
    .action(async (_opts, command: Command) => {
      const options = globalOptions(command);
      const result = await rotateDataKey(vaultDir(options), await readPassword(options));
      printResult(options, result, () =>
        [`Vault ${result.vaultId} now uses a new data key.`, '', 'New recovery code (the old one no longer works):', '', `    ${result.recoveryCode}`, ''].join('\n'),
      );
    });

  vault
    .command('recovery-code')
    .description('replace the recovery code (lost or seen by someone else)')
    .action(async (_opts, command: Command) => {
      const options = globalOptions(command);
      const result = await issueRecoveryCode(vaultDir(options), await readPassword(options));
      printResult(options, result, () => ['New recovery code (the old one no longer works):', '', `    ${result.recoveryCode}`, ''].join('\n'));
    });
}

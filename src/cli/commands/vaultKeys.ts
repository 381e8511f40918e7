import type { Command } from 'commander';
import { keyUnlockTurnedOffText } from './keyUnlockTurnedOffText.js';
import { runAppCommand } from '../appSession.js';
import { globalOptions, readPassword } from '../globalOptions.js';
import { KEPT_COPIES } from './vaultLifecycle.js';

function recoveryCodeText(vaultId: string, recoveryCode: string, first: string): string {
  return [first.replace('{vault}', vaultId), '', 'New recovery code (the old one no longer works):', '', `    ${recoveryCode}`, ''].join('\n');
}

export function registerVaultKeys(program: Command): void {
  const vault = program.command('vault').description('data key operations (admin)');

  vault
    .command('export-key')
    .description('print the raw data key as hex (disaster recovery with stock SQLCipher 4)')
    .action((_opts, command: Command) =>
      runAppCommand(command, 'vault.export-key', {}, (v) => v.dataKeyHex, {
        onSuccess: () => process.stderr.write('Anyone holding this key reads the vault without a password; run `coffer vault rekey` once it is no longer needed.\n'),
      }),
    );

  vault
    .command('rekey')
    .description('new data key for the whole database (PRAGMA rekey); issues a new recovery code')
    .action(async (_opts, command: Command) => {
      // The new password slot wraps the new key with the current password, which unlocking also proves.
      const password = await readPassword(globalOptions(command));
      await runAppCommand(command, 'vault.rekey', { password }, (v) => `${recoveryCodeText(v.vaultId, v.recoveryCode, 'Vault {vault} now uses a new data key.')}${keyUnlockTurnedOffText(v.keyUnlockTurnedOff)}`, {
        secret: { password },
      });
    });

  vault
    .command('recovery-code')
    .description('replace the recovery code (lost or seen by someone else)')
    .action((_opts, command: Command) =>
      runAppCommand(command, 'vault.recovery-code', {}, (v) => `${recoveryCodeText(v.vaultId, v.recoveryCode, 'Vault {vault} has a new recovery code.')}${KEPT_COPIES}`),
    );
}

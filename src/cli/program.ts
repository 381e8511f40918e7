import { Command, CommanderError } from 'commander';
import packageJson from '../../package.json' with { type: 'json' };
import { registerApp } from './commands/app.js';
import { registerAudit } from './commands/audit.js';
import { registerBank } from './commands/bank.js';
import { registerBanking } from './commands/banking.js';
import { registerBankingPayments } from './commands/bankingPayments.js';
import { registerDemo } from './commands/demo.js';
import { registerDiagnostics } from './commands/diagnostics.js';
import { registerHardwareKeys } from './commands/hardwareKeys.js';
import { registerServer } from './commands/server.js';
import { registerVaultKeys } from './commands/vaultKeys.js';
import { registerVaultLifecycle } from './commands/vaultLifecycle.js';
import { reportError } from './output.js';

export function buildProgram(): Command {
  const program = new Command('coffer')
    .description('Coffer: secure desktop banking for corporate treasuries')
    .version(packageJson.version, '--version', 'print the version')
    .option('--vault <dir>', 'vault directory (default: the OS data directory, or COFFER_VAULT)')
    .option('--json', 'machine-readable output, one JSON object per line')
    .option('--password-file <file>', 'read the password from the first line of a file')
    .option('--new-password-file <file>', 'read the new password from the first line of a file')
    .option('--recovery-code-file <file>', 'read the recovery code from the first line of a file')
    .exitOverride();
  registerVaultLifecycle(program);
  registerVaultKeys(program);
  registerHardwareKeys(program);
  registerAudit(program);
  registerDiagnostics(program);
  registerBanking(program);
  registerBankingPayments(program);
  registerDemo(program);
  registerBank(program);
  registerApp(program);
  registerServer(program);
  return program;
}

/** Runs the CLI and returns the exit status; every error ends here, as one line on stderr. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are successes; commander has already printed its usage message.
      return error.exitCode === 0 ? 0 : 2;
    }
    const json = argv.includes('--json');
    return reportError(error, { json });
  }
}

import type { Command } from 'commander';
import { seedDemoVault } from '../../app/index.js';
import { globalOptions, readPassword, vaultDir } from '../globalOptions.js';
import { printResult } from '../output.js';
import { progressReporter } from '../progress.js';

/** `coffer demo seed`: a demo user's vault (a setup tool; it does not go through the dispatcher). */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('the demo organisation')
    .command('seed')
    .description('fill a vault for a demo user: alice (maker), bob, carol (approvers), dave (auditor), erin (viewer)')
    .requiredOption('--user <name>', 'alice, bob, carol, dave or erin')
    .action(async (opts: { user: string }, command: Command) => {
      const options = globalOptions(command);
      const progress = progressReporter('demo seed');
      let report;
      try {
        report = await seedDemoVault(vaultDir(options), { user: opts.user, enrolDemoKey: true, onProgress: ({ done, total }) => progress.onProgress?.(done, total) }, () => readPassword(options));
      } finally {
        progress.stop();
      }
      printResult(options, report, () =>
        [
          `${report.createdVault ? 'Created' : 'Filled'} demo vault ${report.vaultId} in ${report.dir} for ${report.user} (${report.roles.join(', ')})`,
          `  organisation  ${report.organisation}, policy signed by the DEMO bank key, expires ${report.policyExpiresAt}`,
          ...report.accounts.map((a) => `  account       ${a.iban} ${a.currency} ${a.balance.padStart(14)}  ${a.name}`),
          `  payees        ${report.payees}`,
          `  bookings      ${report.transactions.toLocaleString('en')} over the past year`,
          `  payments      ${Object.entries(report.payments).map(([status, n]) => `${n} ${status}`).join(', ')}`,
          `  approvals     ${report.approvals}`,
          `  took          ${report.millis} ms`,
          ...(report.passwordHint ? ['', `Password hint: ${report.passwordHint}`] : []),
          ...(report.recoveryCode ? [`Recovery code: ${report.recoveryCode}`] : []),
        ].join('\n'),
      );
    });
}

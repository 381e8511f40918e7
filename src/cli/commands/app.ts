import type { Command } from 'commander';
import { runAppWindow } from '../../desktop/index.js';
import { globalOptions, readPassword, vaultDir } from '../globalOptions.js';
import { printResult, usageError } from '../output.js';

/** `coffer app`: the desktop window (src/desktop). */
export function registerApp(program: Command): void {
  program
    .command('app')
    .description('open the desktop window on the vault; with --screenshot F --exit, save the unlocked dashboard and close (draws under Xvfb without DISPLAY)')
    .option('--screenshot <file>', 'unlock with COFFER_PASSWORD or --password-file and save a PNG of the dashboard')
    .option('--exit', 'close the window once the screenshot is saved')
    .option('--lock-after <seconds>', 'lock sooner than the vault\'s idle time')
    .action(async (opts: { screenshot?: string; exit?: boolean; lockAfter?: string }, command: Command) => {
      const options = globalOptions(command);
      if (opts.exit && opts.screenshot === undefined) throw usageError('--exit needs --screenshot FILE');
      if (opts.lockAfter !== undefined && !/^[1-9][0-9]{0,5}$/.test(opts.lockAfter)) throw usageError('--lock-after expects whole seconds, 1 to 999999');
      const result = await runAppWindow({
        vaultDir: vaultDir(options),
        screenshot: opts.screenshot,
        exit: opts.exit,
        password: opts.screenshot === undefined ? undefined : () => readPassword(options),
        maxLockAfterMs: opts.lockAfter === undefined ? undefined : Number(opts.lockAfter) * 1000,
        onBlocked: (event) => process.stderr.write(`coffer app: refused ${event.kind} ${event.target} [${event.reason}]\n`),
      });
      if (result.screenshot !== undefined) printResult(options, result, () => result.screenshot ?? '');
    });
}

import type { Command } from 'commander';
import { runAppCommand } from '../appSession.js';
import { formatTable } from './bankingTable.js';

/** What the command line cannot do, and why: WebAuthn ceremonies need the browser inside Coffer's window. */
const WINDOW_ONLY =
  'Enrolling a key needs a window (the browser\'s WebAuthn): add keys in the desktop app (`coffer app`). ' +
  'Removing a key needs a step-up with a key, which also happens in the window; here it is refused with APP_STEP_UP_REQUIRED.';

/**
 * Credential ids are base64url, so one in 64 starts with '-', which the parser takes for an option; the
 * usual '--' ends the options, and the error says so instead of only "unknown option".
 */
function explainDashedIds(command: Command, usage: string): Command {
  return command.configureOutput({
    outputError: (message, write) =>
      write(message.startsWith("error: unknown option '-") ? `${message.trimEnd()} (a key id that starts with '-' goes after '--': coffer keys ${usage})\n` : message),
  });
}

/** `coffer keys list|rename|remove`: the vault user's hardware keys, through the dispatcher. */
export function registerHardwareKeys(program: Command): void {
  const keys = program.command('keys').description('your hardware keys (WebAuthn: YubiKey, Touch ID, Windows Hello)').addHelpText('after', `\n${WINDOW_ONLY}\n`);

  keys
    .command('list')
    .description('your hardware keys: id, name, transports, whether the key unlocks the vault, last use')
    .action((_opts, command: Command) =>
      runAppCommand(command, 'keys.list', {}, (v) =>
        v.keys.length === 0
          ? 'No hardware keys enrolled. Enrol one in the desktop app (`coffer app`).'
          : formatTable(
              ['NAME', 'ID', 'TRANSPORTS', 'UNLOCKS', 'LAST USED'],
              v.keys.map((k) => [k.demo ? `DEMO: ${k.name}` : k.name, k.id, k.transports.join(',') || '-', k.unlocks ? (v.unlock.current === 'password-and-key' ? 'with password' : 'yes') : k.prfCapable ? 'no (can)' : 'no (no PRF)', k.lastUsedAt ?? 'never']),
            ),
      ),
    );

  explainDashedIds(keys.command('rename'), 'rename [options] -- ID NAME')
    .description('give a key another name')
    .argument('<id>', 'the key id (see `coffer keys list`)')
    .argument('<name>', 'the new name')
    .action((id: string, name: string, _opts, command: Command) => runAppCommand(command, 'keys.rename', { id, name }, (v) => `${v.id} is now called ${v.name}`));

  explainDashedIds(keys.command('remove'), 'remove [options] -- ID')
    .description('remove a key and its unlock slot (needs a step-up with a key: use the desktop app)')
    .argument('<id>', 'the key id')
    .action((id: string, _opts, command: Command) =>
      runAppCommand(command, 'keys.remove', { id }, (v) => `${v.id} removed${v.removedSlots.length > 0 ? `, with its unlock slot ${v.removedSlots.join(', ')}` : ''}`),
    );
}

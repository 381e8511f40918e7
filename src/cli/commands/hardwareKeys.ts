import type { Command } from 'commander';
import { runAppCommand } from '../appSession.js';
import { formatTable } from './bankingTable.js';

/** What the command line cannot do, and why: WebAuthn ceremonies need the browser inside Coffer's window. */
const WINDOW_ONLY =
  'Enrolling a key needs a window (the browser\'s WebAuthn): add keys in the desktop app (`coffer app`). ' +
  'Removing a key needs a step-up with a key, which also happens in the window; here it is refused with APP_STEP_UP_REQUIRED.';

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
              v.keys.map((k) => [k.name, k.id, k.transports.join(',') || '-', k.unlocks ? 'yes' : k.prfCapable ? 'no (can)' : 'no (no PRF)', k.lastUsedAt ?? 'never']),
            ),
      ),
    );

  keys
    .command('rename')
    .description('give a key another name')
    .argument('<id>', 'the key id (see `coffer keys list`)')
    .argument('<name>', 'the new name')
    .action((id: string, name: string, _opts, command: Command) => runAppCommand(command, 'keys.rename', { id, name }, (v) => `${v.id} is now called ${v.name}`));

  keys
    .command('remove')
    .description('remove a key and its unlock slot (needs a step-up with a key: use the desktop app)')
    .argument('<id>', 'the key id')
    .action((id: string, _opts, command: Command) =>
      runAppCommand(command, 'keys.remove', { id }, (v) => `${v.id} removed${v.removedSlots.length > 0 ? `, with its unlock slot ${v.removedSlots.join(', ')}` : ''}`),
    );
}

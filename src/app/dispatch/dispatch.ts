import type { CommandInput, CommandName, CommandOutput } from '../../api/index.js';
import { COMMANDS_BY_NAME } from '../commands/registry.js';
import type { DispatchResult } from './dispatchResult.js';
import type { Session } from './openSession.js';
import { runCommand, type DispatchOptions } from './runCommand.js';

// An IPC caller may send anything as a name; only a plausible one is worth writing into the log.
const PRINTABLE_NAME = /^[a-z][a-z.-]{0,63}$/;

/**
 * The one door of the app, for callers that hold a name and input from outside (the desktop's IPC binding,
 * a worker message): runs the command called `name` with untrusted input. An unknown name is refused with
 * APP_UNKNOWN_COMMAND (and audited).
 */
export function dispatchUnknown(session: Session, name: unknown, rawInput: unknown, options: DispatchOptions = {}): Promise<DispatchResult<unknown>> {
  const command = typeof name === 'string' ? COMMANDS_BY_NAME.get(name) : undefined;
  if (command === undefined) {
    const shown = typeof name === 'string' && PRINTABLE_NAME.test(name) ? name : '(unprintable)';
    try {
      session.vault.record([{ action: 'dispatch', outcome: 'failed', reason: 'APP_UNKNOWN_COMMAND', details: { command: shown }, userId: session.userId }]);
    } catch {
      // A locked vault cannot record; the answer is the same.
    }
    return Promise.resolve({ ok: false, error: { code: 'APP_UNKNOWN_COMMAND', message: `expected a known command, found ${shown}` } });
  }
  return runCommand(session, command, rawInput, options);
}

/** The one door of the app, typed: `dispatch(session, 'payments.create', input)` answers that command's output. */
export function dispatch<Name extends CommandName>(
  session: Session,
  name: Name,
  input: CommandInput<Name>,
  options: DispatchOptions = {},
): Promise<DispatchResult<CommandOutput<Name>>> {
  // The registry pairs each name with the implementation of its spec, so the output has that spec's type.
  return dispatchUnknown(session, name, input, options) as Promise<DispatchResult<CommandOutput<Name>>>;
}

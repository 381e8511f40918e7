import type { z } from 'zod';
import { isPermission, type Permission } from '../contract/index.js';

/**
 * When a command needs a fresh hardware-key assertion: always (approvals), once the vault's user has
 * enrolled a key (data-key export and rotation: before enrolment there is no key to ask), or never.
 */
export type StepUp = 'always' | 'once-keys-enrolled' | 'never';

/**
 * What the outside world knows of one command: its name, the permission it needs, and the exact shape of
 * what goes in and comes out. The app implements it (src/app/commands); the CLI, the desktop's renderer and
 * the gateway's client type their calls with it.
 */
export interface CommandSpec<Name extends string = string, Input extends z.ZodType = z.ZodType, Output extends z.ZodType = z.ZodType> {
  /** `noun.verb`; also the audit entry's action. */
  name: Name;
  permission: Permission;
  /** One line for docs and help. */
  summary: string;
  input: Input;
  output: Output;
  stepUp: StepUp;
  /** True when the command changes the vault; its audit entry commits with the change. */
  changes: boolean;
  /** Long work: reports progress ({done, total}) and may be cancelled. */
  long?: boolean;
  /** The output is a secret the user asked for (the raw data key): never to be shown inside a window. */
  revealsSecret?: boolean;
  /** Sent by the desktop shell itself, never by its window: the window's door refuses the name. */
  shellOnly?: boolean;
}

const COMMAND_NAME = /^[a-z]+\.[a-z][a-z-]*$/;

/** Declares a command; refuses at load time a malformed name or a permission outside the closed list. */
export function commandSpec<const Name extends string, Input extends z.ZodType, Output extends z.ZodType>(
  spec: CommandSpec<Name, Input, Output>,
): CommandSpec<Name, Input, Output> {
  if (!COMMAND_NAME.test(spec.name)) throw new Error(`command name ${JSON.stringify(spec.name)} is not noun.verb`);
  // Ensure the permission is a real one even if the types were bypassed: no command runs ungated.
  if (!isPermission(spec.permission)) throw new Error(`command ${spec.name} names no known permission`);
  return Object.freeze(spec);
}

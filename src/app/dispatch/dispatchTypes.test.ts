import { describe, expect, it } from 'vitest';
import type { CommandInput, CommandName, CommandOutput, DispatchResult } from '../../api/index.js';
import type { AppSession } from '../session/appSession.js';
import { dispatch } from './dispatch.js';
import type { Session } from './openSession.js';

/*
 * Type tests in the style of hono's: they fail at `npm run typecheck`, not at run time. Each line states
 * what the registry makes the compiler know about a command, so a lost type shows up here first.
 */
type Equal<X, Y> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false;
type Expect<T extends true> = T;

declare const _appSession: AppSession;
type CreateOutput = CommandOutput<'payments.create'>;
type ExportOutput = CommandOutput<'payments.export'>;
type ShowOutput = CommandOutput<'vault.show'>;

export type Checks = [
  // Inputs are what a caller sends: amounts as text, IBANs as typed, currencies from the closed list.
  Expect<Equal<CommandInput<'payments.create'>['amount'], string>>,
  Expect<Equal<'EUR' extends CommandInput<'payments.create'>['currency'] ? true : false, true>>,
  Expect<Equal<'EURO' extends CommandInput<'payments.create'>['currency'] ? true : false, false>>,
  // Optional inputs with defaults may be left out by the caller.
  Expect<Equal<undefined extends CommandInput<'transactions.list'>['limit'] ? true : false, true>>,
  // Outputs are each command's own shape.
  Expect<Equal<CreateOutput, { id: string; status: CreateOutput['status']; version: number }>>,
  Expect<Equal<ExportOutput['file']['bytes'], Uint8Array>>,
  Expect<Equal<ShowOutput['policy']['status'], 'valid' | 'expired' | 'unusable' | 'none'>>,
  Expect<Equal<CommandOutput<'audit.log'>['scope'], 'all' | 'own'>>,
  // dispatch answers the named command's output, with no cast at the call site.
  Expect<Equal<Awaited<ReturnType<typeof dispatch<'accounts.list'>>>, DispatchResult<CommandOutput<'accounts.list'>>>>,
  Expect<Equal<Awaited<ReturnType<typeof _appSession.dispatch<'audit.verify'>>>, DispatchResult<CommandOutput<'audit.verify'>>>>,
  // Names outside the registry are not names.
  Expect<Equal<'payments.approve_all' extends CommandName ? true : false, false>>,
];

/** Calls that must not compile: the compiler, not a test at run time, refuses them. */
export function refusedAtCompileTime(session: Session): void {
  // @ts-expect-error a name the registry does not hold
  void dispatch(session, 'payments.approve_all', {});
  // @ts-expect-error an amount as a number: money never travels as a float
  void dispatch(session, 'payments.create', { from: 'DE89370400440532013000', toName: 'A', toIban: 'FR1420041010050500013M02606', amount: 12.5, currency: 'EUR' });
  // @ts-expect-error a field the command does not take
  void dispatch(session, 'accounts.list', { all: true });
  // @ts-expect-error a file as a path of the machine instead of bytes
  void dispatch(session, 'statements.import', { file: '/etc/passwd' });
}

describe('the typed registry', () => {
  it('is checked by the compiler (npm run typecheck); this test only keeps the file in the suite', () => {
    expect(typeof refusedAtCompileTime).toBe('function');
  });
});

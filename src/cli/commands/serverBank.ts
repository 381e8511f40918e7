import type { Command } from 'commander';
import {
  AddAccountInput,
  AddUserInput,
  SetApprovalRuleInput,
  SetRolesInput,
  addAccount,
  addUser,
  parseBankInput,
  parseRuleBand,
  parseOpeningBalance,
  createActivationCode,
  createOrganisation,
  removeUser,
  revokeDevice,
  seedDemoBank,
  setApprovalRule,
  setRoles,
  setAllowedAaguids,
  SetAllowedAaguidsInput,
  verifyGatewayAudit,
  type AppliedBankChange,
} from '../../server/index.js';
import { integer } from '../appSession.js';
import { usageError } from '../output.js';
import { withServerStore } from './serverStore.js';

const list = (value: string) => value.split(',').map((item) => item.trim()).filter(Boolean);
const collect = (value: string, previous: string[] = []) => [...previous, value];
const policyLine = (change: AppliedBankChange<unknown>) => `policy version ${change.policy.version} signed, audit entry ${change.auditSeq}`;

// `--approver bob:A`: a user id and an EBICS signature class.
function approvers(values: string[]): { userId: string; signatureClass: string }[] {
  return values.map((value) => {
    const [userId, signatureClass, ...rest] = value.split(':');
    if (!userId || !signatureClass || rest.length > 0) throw usageError(`expected --approver USER:CLASS (e.g. bob:A), found ${JSON.stringify(value)}`);
    return { userId, signatureClass };
  });
}

/** Bank staff's commands under `coffer server`: each change re-signs the organisation policy and is audited. */
export function registerServerBank(server: Command): void {
  const org = server.command('org').description("a customer organisation");
  org
    .command('create')
    .requiredOption('--org <id>', 'organisation id (lower case, digits, -)')
    .requiredOption('--name <name>', 'legal name')
    .action((opts: { org: string; name: string }, command: Command) =>
      withServerStore(command, (store, staff) => createOrganisation(store, staff, { orgId: opts.org, name: opts.name }), (v) => `created ${opts.org}; ${policyLine(v)}`),
    );

  const user = server.command('user').description("an organisation's users");
  user
    .command('add')
    .requiredOption('--org <id>', 'organisation id')
    .requiredOption('--user <id>', 'user id')
    .requiredOption('--name <name>', 'full name')
    .requiredOption('--roles <roles>', 'comma-separated: viewer, maker, approver, auditor, admin', list)
    .action((opts: { org: string; user: string; name: string; roles: string[] }, command: Command) =>
      withServerStore(command, (store, staff) => addUser(store, staff, parseBankInput(AddUserInput, { orgId: opts.org, userId: opts.user, name: opts.name, roles: opts.roles })), (v) => `added ${opts.user}; ${policyLine(v)}`),
    );
  user
    .command('remove')
    .description('remove the user and revoke every device enrolled for them')
    .requiredOption('--org <id>', 'organisation id')
    .requiredOption('--user <id>', 'user id')
    .action((opts: { org: string; user: string }, command: Command) =>
      withServerStore(command, (store, staff) => removeUser(store, staff, { orgId: opts.org, userId: opts.user }), (v) => `removed ${opts.user}, ${v.result.revokedDevices} device(s) revoked; ${policyLine(v)}`),
    );
  user
    .command('activation-code')
    .description('a one-time, expiring code that enrols one device for the user (shown once)')
    .requiredOption('--org <id>', 'organisation id')
    .requiredOption('--user <id>', 'user id')
    .option('--valid-minutes <n>', 'how long the code works (default 4320: three days)', integer)
    .action((opts: { org: string; user: string; validMinutes?: number }, command: Command) =>
      withServerStore(
        command,
        (store, staff) => createActivationCode(store, staff, { orgId: opts.org, userId: opts.user, ...(opts.validMinutes === undefined ? {} : { validMinutes: opts.validMinutes }) }),
        (v) => `activation code for ${opts.user}: ${v.code}\nexpires ${v.expiresAt}; hand it over out of band, it is not stored`,
      ),
    );

  server
    .command('role')
    .description("a user's roles")
    .command('set')
    .requiredOption('--org <id>', 'organisation id')
    .requiredOption('--user <id>', 'user id')
    .requiredOption('--roles <roles>', 'comma-separated roles, replacing the current ones', list)
    .action((opts: { org: string; user: string; roles: string[] }, command: Command) =>
      withServerStore(command, (store, staff) => setRoles(store, staff, parseBankInput(SetRolesInput, { orgId: opts.org, userId: opts.user, roles: opts.roles })), (v) => `roles of ${opts.user}: ${opts.roles.join(', ')}; ${policyLine(v)}`),
    );

  server
    .command('keys')
    .description("the hardware keys the organisation's users may register")
    .command('allow')
    .requiredOption('--org <id>', 'organisation id')
    .option('--aaguid <uuid>', 'an authenticator model (AAGUID) users may register; repeat for each; replaces the list', collect)
    .option('--any', 'allow every model again')
    .action((opts: { org: string; aaguid?: string[]; any?: boolean }, command: Command) => {
      if ((opts.aaguid === undefined) === (opts.any !== true)) throw usageError('expected either --aaguid (one or more) or --any');
      return withServerStore(
        command,
        (store, staff) => setAllowedAaguids(store, staff, parseBankInput(SetAllowedAaguidsInput, { orgId: opts.org, aaguids: opts.any === true ? null : (opts.aaguid ?? []) })),
        (v) => {
          const allowed = v.policy.policy.hardwareKeys?.allowedAaguids;
          return `${allowed === undefined ? 'any authenticator model' : `authenticator models ${allowed.join(', ')}`} allowed for ${opts.org}; ${policyLine(v)}`;
        },
      );
    });

  server
    .command('rule')
    .description('approval rules (EBICS signature classes)')
    .command('set')
    .requiredOption('--org <id>', 'organisation id')
    .requiredOption('--account <iban>', 'an IBAN, or * for every account')
    .option('--currency <code>', 'ISO 4217 code (absent: any currency, any amount)')
    .option('--min <amount>', 'lower end of the band, inclusive (e.g. 10000.01)')
    .option('--max <amount>', 'upper end of the band, inclusive (absent: no upper end)')
    .requiredOption('--approver <user:class>', 'an approver and their class E, A, B or T; repeat for each', collect)
    .action((opts: { org: string; account: string; currency?: string; min?: string; max?: string; approver: string[] }, command: Command) =>
      withServerStore(
        command,
        (store, staff) =>
          setApprovalRule(store, staff, parseBankInput(SetApprovalRuleInput, { orgId: opts.org, account: opts.account, ...(opts.currency ? { currency: opts.currency } : {}), ...parseRuleBand(opts), approvers: approvers(opts.approver) })),
        (v) => `rule set for ${opts.account} ${opts.currency ?? 'any currency'}; ${policyLine(v)}`,
      ),
    );

  server
    .command('account')
    .description("an organisation's accounts")
    .command('add')
    .requiredOption('--org <id>', 'organisation id')
    .requiredOption('--iban <iban>', 'the account')
    .requiredOption('--currency <code>', 'ISO 4217 code')
    .requiredOption('--name <name>', 'account name')
    .option('--bic <bic>', "the bank's BIC")
    .option('--opening-balance <amount>', 'booked balance where its statements begin, e.g. 250000.00 (default 0)')
    .option('--opening-date <YYYY-MM-DD>', 'the day that balance opens (default today)')
    .action((opts: { org: string; iban: string; currency: string; name: string; bic?: string; openingBalance?: string; openingDate?: string }, command: Command) =>
      withServerStore(
        command,
        (store, staff) =>
          addAccount(
            store,
            staff,
            parseBankInput(AddAccountInput, {
              orgId: opts.org,
              iban: opts.iban,
              currency: opts.currency,
              name: opts.name,
              ...(opts.bic ? { bic: opts.bic } : {}),
              ...(opts.openingBalance === undefined ? {} : { openingBalanceMinor: parseOpeningBalance(opts.openingBalance, opts.currency) }),
              ...(opts.openingDate === undefined ? {} : { openingDate: opts.openingDate }),
            }),
          ),
        (v) => `added account; ${policyLine(v)}`,
      ),
    );

  server
    .command('device')
    .description('enrolled devices')
    .command('revoke')
    .requiredOption('--device <id>', 'device id')
    .action((opts: { device: string }, command: Command) =>
      withServerStore(command, (store, staff) => revokeDevice(store, staff, { deviceId: opts.device }), () => `revoked ${opts.device}`),
    );

  server
    .command('seed-demo')
    .description('the demo bank: organisation demo-nordlicht, its users, rules, accounts and a year of statements')
    .action((_opts: unknown, command: Command) =>
      withServerStore(command, (store, staff) => seedDemoBank(store, staff), (v) =>
        [`seeded ${v.orgId}: users ${v.users.join(', ')}`, `accounts ${v.accounts.join(', ')}`, `${v.statementEntries.toLocaleString('en')} statement entries; policy version ${v.policyVersion}`].join('\n'),
      ),
    );

  server
    .command('audit')
    .description("the gateway's own audit log")
    .command('verify')
    .action((_opts: unknown, command: Command) =>
      withServerStore(command, (store) => verifyGatewayAudit(store.db).then((entries) => ({ entries })), (v) => `gateway audit log verified: ${v.entries} entries`),
    );
}

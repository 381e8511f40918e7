import type { Command } from 'commander';
import type { CommandOutput } from '../../api/index.js';
import { runAppCommand } from '../appSession.js';

function statementsText(statements: CommandOutput<'bank.enrol'>['statements']): string[] {
  return statements.map(
    (s) =>
      `  statements    ${s.iban}  ${s.entries.toLocaleString('en')} new booking(s), feed position ${s.cursor}` +
      (s.refused === undefined ? '' : `; a page did not add up to the bank's balance and was refused [${s.refused}]: the next sync asks again`),
  );
}

function enrolText(v: CommandOutput<'bank.enrol'>): string {
  return [
    `Enrolled at ${v.gateway} as ${v.userId} of ${v.orgId} (device ${v.deviceId})`,
    `  roles         ${v.roles.join(', ') || 'none'}`,
    `  policy        signed by the bank key ${v.bankKey.alg} ${v.bankKey.publicKey} (pinned for this vault), expires ${v.policyExpiresAt}`,
    `  witness       ${v.witness}`,
    `  accounts      ${v.accounts}`,
    // The command line cannot make WebAuthn credentials: only the window's first-run screen sends keys with the enrolment.
    v.keys.length > 0
      ? `  keys          ${v.keys.length} hardware key(s) registered with the enrolment`
      : '  keys          none registered: add your hardware keys in the window (`coffer app`, Hardware keys); the next `coffer sync` sends them to the bank',
    ...statementsText(v.statements),
    ...(v.notice === undefined ? [] : ['', `Note: ${v.notice}`]),
    '',
    'Unlock again to work as this user.',
  ].join('\n');
}

function syncText(v: CommandOutput<'bank.sync'>): string {
  const { payments, policy } = v;
  return [
    `Synced with ${v.gateway}`,
    `  witness       the bank cosigned the audit log up to ${v.witness.size} entries`,
    `  policy        version ${policy.version}${policy.installed ? ' (new, verified and installed)' : ' (unchanged)'}${policy.newAccounts > 0 ? `, ${policy.newAccounts} new account(s)` : ''}`,
    `  keys          ${v.credentials.registered.length} registered at the bank${v.credentials.refused.length > 0 ? `, ${v.credentials.refused.length} refused (see the audit log)` : ''}${v.credentials.pending > 0 ? `, ${v.credentials.pending} waiting for the gateway` : ''}`,
    `  shared        ${v.shared.shared.length} payment(s) shared for approval, ${v.shared.withdrawn.length} withdrawn${v.shared.refused.length > 0 ? `, ${v.shared.refused.length} refused` : ''}${v.shared.pending > 0 ? `, ${v.shared.pending} waiting for the gateway` : ''}`,
    ...v.shared.refused.map((r) => `    refused     ${r.id} [${r.code}]`),
    `  received      ${v.received.received.length} payment(s) from other makers${v.received.refused.length > 0 ? `, ${v.received.refused.length} refused (not shown, see the audit log)` : ''}`,
    ...v.received.received.map((r) => `    ${r.change.padEnd(11)} ${r.id}`),
    `  approvals     ${v.approvals.sent.length} sent${v.approvals.refused.length > 0 ? `, ${v.approvals.refused.length} refused` : ''}${v.approvals.pending > 0 ? `, ${v.approvals.pending} waiting for the gateway` : ''}`,
    ...v.approvals.sent.map((r) => `    ${r.status.padEnd(11)} ${r.id}`),
    ...v.approvals.refused.map((r) => `    refused     ${r.id} [${r.code}]`),
    `  payments      ${payments.accepted.length} accepted, ${payments.refused.length} refused, ${payments.pending.length} waiting for the gateway`,
    ...payments.refused.map((r) => `    refused     ${r.id} [${r.code}]`),
    `  statuses      ${v.statuses.recorded.length} status report(s) from the bank${v.statuses.refused.length > 0 ? `, ${v.statuses.refused.length} refused (not applied, see the audit log)` : ''}`,
    ...v.statuses.recorded.map((r) => `    ${r.status.padEnd(11)} ${r.id}`),
    `  payee checks  ${v.payees.checked.length} asked${v.payees.failed.length > 0 ? `, ${v.payees.failed.length} answer(s) refused` : ''}${v.payees.pending > 0 ? `, ${v.payees.pending} left for the next sync` : ''}`,
    ...v.payees.checked.map((c) => `    ${c.result.padEnd(11)} ${c.target}`),
    ...statementsText(v.statements),
  ].join('\n');
}

/** `coffer enrol` and `coffer sync`: the vault's link to the bank's gateway (docs/gateway.md, docs/security.md "Enrolment"). */
export function registerBank(program: Command): void {
  program
    .command('enrol')
    .description("enrol a fresh vault (made by `coffer init`) at the bank's gateway with a one-time activation code")
    .requiredOption('--server <url>', "the gateway's address: https://… (plain http only to this machine)")
    .requiredOption('--code <code>', 'the activation code bank staff gave you (ABCD-EFGH-JKMN-PQRS-TVWX)')
    .action((opts: { server: string; code: string }, command: Command) => runAppCommand(command, 'bank.enrol', { server: opts.server, code: opts.code }, enrolText));

  program
    .command('sync')
    .description('have the bank witness the audit log; fetch the policy and accounts; send new hardware keys, payments waiting for approval and approvals given here; receive payments others ask you to approve; send approved payments; fetch payment statuses and new statements')
    .action((_opts: unknown, command: Command) => runAppCommand(command, 'bank.sync', {}, syncText));
}

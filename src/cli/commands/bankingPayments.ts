import type { Command } from 'commander';
import type { CommandOutput } from '../../api/index.js';
import { runApprovalWindow } from '../../desktop/index.js';
import { given, integer, runAppCommand } from '../appSession.js';
import { globalOptions, readPassword, vaultDir } from '../globalOptions.js';
import { printResult } from '../output.js';
import { formatTable } from './bankingTable.js';
import { payeeCheckText } from './payeeCheckText.js';
import { paymentBankStatusText, paymentStatusWord } from './paymentBankStatusText.js';

const ORDER_OPTIONS: [string, string][] = [
  ['--from <iban>', 'debited account (one of the organisation\'s)'],
  ['--to-name <name>', 'creditor name'],
  ['--to-iban <iban>', 'creditor IBAN'],
  ['--to-bic <bic>', 'creditor BIC'],
  ['--amount <amount>', 'e.g. 1234.56 (never rounded)'],
  ['--currency <code>', 'ISO 4217, the account\'s currency'],
  ['--reference <text>', 'remittance information'],
  ['--date <date>', 'execution date YYYY-MM-DD (default today)'],
];

/** One payment's outcome in a few words: "demo-0005 approved", "demo-0007 still needs: B". */
function approvalText(v: CommandOutput<'payments.approve'>): string {
  return v.executable ? `${v.id} approved` : `${v.id} signed, still needs: ${v.missing.join(' or ') || 'none possible'}`;
}

function showText(v: CommandOutput<'payments.show'>): string {
  const p = v.payment;
  const lines = [
    `Payment ${p.id}  ${p.status}  (version ${p.version})`,
    `  from      ${p.debtorIban}`,
    `  to        ${p.creditor.name}, ${p.creditor.iban}${p.creditor.bic ? `, ${p.creditor.bic}` : ''}`,
    `  payee     ${payeeCheckText(v.payeeCheck)}`,
    `  amount    ${p.amount} ${p.currency}`,
    `  reference ${p.remittanceInfo || '—'}`,
    `  execution ${p.executionDate} (expires ${p.expiresAt})`,
    `  made by   ${p.createdBy}`,
    `  digest    ${v.digest}`,
    `  bank      ${paymentBankStatusText(v.bank)}`,
    ...v.approvals.map((a) => `  approval  ${a.userId} (${a.signatureClass ?? '-'}) at ${a.createdAt}${a.counts ? '' : ' — void'}`),
  ];
  if (v.approval) lines.push(v.approval.executable ? '  status    executable' : `  missing   ${v.approval.missing.join(' or ') || 'none possible'}: ${v.approval.message ?? ''}`);
  return lines.join('\n');
}

/** payments create/edit/cancel/list/show/submit/approve/export/export-approvals, through the dispatcher. */
export function registerBankingPayments(program: Command): void {
  const payments = program.command('payments').description('credit transfers: prepare, approve, export');

  const create = payments.command('create').description('a draft payment; prints its id');
  for (const [flag, help] of ORDER_OPTIONS) create.option(flag, help);
  create.action((opts: Record<string, string | undefined>, command: Command) =>
    runAppCommand(command, 'payments.create', given(opts), (v) => v.id),
  );

  const edit = payments.command('edit').description('change a draft or pending payment (back to draft; approvals voided)').argument('<id>');
  for (const [flag, help] of ORDER_OPTIONS) edit.option(flag, help);
  edit.action((id: string, opts: Record<string, string | undefined>, command: Command) =>
    runAppCommand(command, 'payments.edit', { id, ...given(opts) }, (v) =>
      `${v.id} ${v.status} (version ${v.version}${v.approvalsVoided > 0 ? `, ${v.approvalsVoided} approvals voided` : ''})`,
    ),
  );

  for (const [verb, name, help] of [
    ['cancel', 'payments.cancel', 'cancel a payment not yet submitted to the bank'],
    ['submit', 'payments.submit', 'hand a draft to the approvers'],
  ] as const) {
    payments
      .command(verb)
      .description(help)
      .argument('<id>')
      .action((id: string, _opts, command: Command) => runAppCommand(command, name, { id }, (v) => `${v.id} ${v.status}`));
  }

  payments
    .command('approve')
    .description('approve in a small Coffer window with your hardware key: one payment by its digest, several as one batch (needs a display)')
    .argument('<ids...>', 'the payments; several are signed with one touch after their payees and totals are shown')
    .action(async (ids: string[], _opts, command: Command) => {
      const options = globalOptions(command);
      const result = await runApprovalWindow({
        vaultDir: vaultDir(options),
        ids,
        password: () => readPassword(options),
        onBlocked: (event) => process.stderr.write(`coffer: the window was refused ${event.kind} ${event.target} [${event.reason}]\n`),
      });
      printResult(options, result.value, () => (result.kind === 'single' ? approvalText(result.value) : `batch ${result.value.digest.slice(0, 12)}…: ${result.value.payments.map(approvalText).join(', ')}`));
    });

  payments
    .command('export-approvals')
    .description("a payment's approvals as WebAuthn assertions with their public keys (JWK), for any WebAuthn library to verify")
    .requiredOption('--id <id>', 'the payment')
    .requiredOption('--out <file>', 'the JSON file to write (must not exist unless --force)')
    .option('--force', 'replace an existing file (never a symbolic link)')
    .action(({ id, out, force }: { id: string; out: string; force?: boolean }, command: Command) =>
      runAppCommand(command, 'payments.export-approvals', { id }, (v) => `Wrote ${v.approvals} approval${v.approvals === 1 ? '' : 's'} of ${id} to ${out}`, {
        deliverTo: { path: out, overwrite: force === true },
      }),
    );

  payments
    .command('list')
    .description('payments, newest first')
    .option('--status <status>', 'draft, pending_approval, approved, queued, submitted, accepted, executed, rejected, cancelled')
    .option('--account <iban>', 'only this debited account')
    .option('--limit <n>', 'at most this many (default 100)', integer)
    .action((opts: Record<string, string | number | undefined>, command: Command) =>
      runAppCommand(command, 'payments.list', given(opts), (v) =>
        formatTable(
          ['ID', 'STATUS', 'EXECUTION', 'AMOUNT', 'CUR', 'CREDITOR', 'MADE BY'],
          v.payments.map((p) => [p.id, paymentStatusWord(p.status, p.bank), p.executionDate, p.amount, p.currency, p.creditorName, p.createdBy]),
          [3],
        ),
      ),
    );

  payments
    .command('show')
    .description('one payment: digest, approvals, what is still missing')
    .argument('<id>')
    .action((id: string, _opts, command: Command) => runAppCommand(command, 'payments.show', { id }, showText));

  payments
    .command('export')
    .description('approved payments of a currency as a pain.001.001.09 file; they become queued')
    .requiredOption('--format <format>', 'pain.001')
    .option('--currency <code>', 'EUR (SEPA), GBP, …; needed when approved payments are in several currencies')
    .option('--account <iban>', 'the debited account, when several hold approved payments')
    .requiredOption('--out <file>', 'the file to write (must not exist unless --force)')
    .option('--force', 'replace an existing file (never a symbolic link)')
    .action(({ out, force, ...opts }: { out: string; force?: boolean; format: string; currency?: string; account?: string }, command: Command) =>
      runAppCommand(
        command,
        'payments.export',
        given(opts),
        (v) => `Wrote ${v.count} payments to ${out} (message ${v.messageId})`,
        { deliverTo: { path: out, overwrite: force === true } },
      ),
    );
}

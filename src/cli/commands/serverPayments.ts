import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { PAYMENT_REJECTION_REASONS } from '../../contract/index.js';
import { exportPayments, listPayments, ListPaymentsInput, markPayment, MarkPaymentInput, parseBankInput, type ListedPayment } from '../../server/index.js';
import { usageError } from '../output.js';
import { withServerStore } from './serverStore.js';

function paymentLine(payment: ListedPayment): string {
  const amount = `${payment.amount} ${payment.currency}`;
  const status = payment.reason ? `${payment.status} ${payment.reason}` : payment.status;
  return [payment.paymentId, status.padEnd(13), amount.padStart(18), `to ${payment.creditorName} (${payment.creditorIban})`, `accepted ${payment.acceptedAt}`, payment.emission ? `in ${payment.emission}` : 'not exported'].join('  ');
}

/**
 * `coffer server payments list`: what the gateway accepted, to find the payment to mark;
 * `coffer server payments export`: bank staff emit the accepted payments as pain.001 files;
 * `coffer server payments mark`: what the bank's core did with one.
 */
export function registerServerPayments(server: Command): void {
  const payments = server.command('payments').description('payments the gateway accepted');
  payments
    .command('list')
    .description("the organisation's accepted payments, oldest first, with their status and the file each left in")
    .requiredOption('--org <id>', 'organisation id')
    .option('--status <status>', 'only accepted, executed or rejected payments')
    .action((opts: { org: string; status?: string }, command: Command) =>
      withServerStore(
        command,
        (store) => listPayments(store, parseBankInput(ListPaymentsInput, { orgId: opts.org, ...(opts.status === undefined ? {} : { status: opts.status }) })).then((listed) => ({ payments: listed })),
        (v) => (v.payments.length === 0 ? 'no payments' : v.payments.map(paymentLine).join('\n')),
      ),
    );
  payments
    .command('mark')
    .description('an accepted payment executed (after its export) or rejected with an ISO 20022 reason; signed into the status feed, audited')
    .requiredOption('--org <id>', 'organisation id')
    .requiredOption('--id <payment>', 'payment id')
    .option('--executed', 'the bank executed it')
    .option('--rejected <reason>', `the bank rejected it, with an ISO 20022 status reason: ${Object.keys(PAYMENT_REJECTION_REASONS).join(', ')}`)
    .action((opts: { org: string; id: string; executed?: boolean; rejected?: string }, command: Command) => {
      // Ensure exactly one outcome: a payment is either executed or rejected, never both, never neither.
      if ((opts.executed === true) === (opts.rejected !== undefined)) throw usageError('expected exactly one of --executed and --rejected REASON');
      const status = opts.executed ? ('executed' as const) : ('rejected' as const);
      return withServerStore(
        command,
        (store, staff) => markPayment(store, staff, parseBankInput(MarkPaymentInput, { orgId: opts.org, paymentId: opts.id, status, ...(opts.rejected === undefined ? {} : { reason: opts.rejected }) })),
        (v) => `${v.paymentId} ${v.status}${v.reason ? ` (${v.reason} ${PAYMENT_REJECTION_REASONS[v.reason]})` : ''}; status report signed, audit entry ${v.auditSeq}`,
      );
    });
  payments
    .command('export')
    .description('one pain.001.001.09 file per debtor account and currency of the accepted payments not yet emitted, marked emitted')
    .requiredOption('--org <id>', 'organisation id')
    .option('--out <dir>', 'folder the files are written to, as <MsgId>.xml (default: the current folder)', '.')
    .action((opts: { org: string; out: string }, command: Command) =>
      withServerStore(
        command,
        async (store, staff) => {
          const files = await exportPayments(store, staff, opts.org);
          // 'wx': a MsgId is new per file, so an existing file of that name is never overwritten.
          for (const file of files) writeFileSync(path.join(opts.out, `${file.messageId}.xml`), file.xml, { flag: 'wx', mode: 0o600 });
          return { files: files.map(({ messageId, debtorIban, currency, paymentIds }) => ({ file: path.join(opts.out, `${messageId}.xml`), messageId, debtorIban, currency, payments: paymentIds.length })) };
        },
        (v) => (v.files.length === 0 ? 'no accepted payments to emit' : v.files.map((file) => `${file.file}: ${file.payments} payment(s) from ${file.debtorIban} in ${file.currency}`).join('\n')),
      ),
    );
}

import { isoDay } from '../../api/index.js';
import { Currency, ensureExecutionDateAhead, ensureNotExpired, sumMoney, transitionPayment, type Payment } from '../../domain/index.js';
import { implementCommand } from '../dispatch/defineCommand.js';
import { accountById, type AccountRecord } from './records/accountRecords.js';
import { buildPain001File } from './paymentExport/buildPain001File.js';
import { verifyApprovals } from '../keys/verifyApprovals.js';
import { approvalStatusOf } from './records/approvalRecords.js';
import { newRecordId } from './records/newRecordId.js';
import { PAYMENT_SELECT, paymentFromRow, paymentResource, requireUnchangedPayment, updatePayment, type StoredPayment } from './records/paymentRecords.js';
import { CofferError } from '../../contract/index.js';
import { letEventLoopRun } from '../workers/letEventLoopRun.js';

/** The currency of all approved payments when there is just one; refuses a choice the caller must make. */
function onlyCurrency(approved: readonly StoredPayment[]): Currency | undefined {
  const currencies = [...new Set(approved.map((s) => s.payment.currency))].sort();
  if (currencies.length > 1) throw new CofferError('APP_BAD_INPUT', `currency: expected one currency per file, found approved payments in ${currencies.join(', ')}: name one`);
  return currencies[0];
}

/** The name the file is offered under: what it is, its currency and its message id, which the bank echoes back. */
function fileName(messageId: string, currency: string): string {
  return `pain.001-${currency}-${messageId}.xml`;
}

// ISO 20022 pain.001 initiating party and debtor names are Max70Text (EPC: 70).
function partyName(name: string): string {
  return [...name].slice(0, 70).join('').trim();
}

/** Payments checked between progress reports, letting the event loop run: each approval's signature is verified. */
const CHECKED_PER_PAUSE = 50;

/** The file, or the domain's refusal of it, which `run` reports as it did when it built the file itself. */
type Built = { bytes: Uint8Array } | { refusal: unknown };

/** Builds the file before the transaction (in a worker when large); a refusal of the file's content waits for `run`. */
async function built(request: Parameters<typeof buildPain001File>[0], signal: AbortSignal | undefined): Promise<Built> {
  try {
    return { bytes: await buildPain001File(request, { signal }) };
  } catch (error) {
    if (error instanceof CofferError && error.code.startsWith('DOMAIN_')) return { refusal: error };
    throw error;
  }
}

function sameAccount(a: AccountRecord, b: AccountRecord): boolean {
  return a.id === b.id && a.iban === b.iban && a.bic === b.bic && a.name === b.name && a.currency === b.currency;
}

/**
 * `payments.export`: approved payments of one currency and account as a pain.001.001.09 file; they move
 * to `queued` in the same transaction. The file comes back as bytes with a suggested name; a caller that
 * delivers it (the CLI's `--out`) does so inside the transaction: if writing fails nothing changes.
 */
export const exportPaymentsCommand = implementCommand('payments.export', {
  async prepare(ctx, input) {
    const approved = ctx.db
      .prepare(`${PAYMENT_SELECT} WHERE p.status = 'approved' ORDER BY p.execution_date, p.id`)
      .all()
      .map(paymentFromRow)
      .filter((stored) => input.account === undefined || stored.payment.debtorIban === input.account);
    const currency = input.currency ?? onlyCurrency(approved);
    const selected = approved.filter((stored) => stored.payment.currency === currency);
    if (currency === undefined || selected.length === 0) {
      throw new CofferError('APP_NOTHING_TO_EXPORT', `expected approved payments${currency ? ` in ${currency}` : ''} to export, found none`);
    }
    // Ensure each payment is still what its approvers signed: an order edited in the file after approval
    // (by someone holding the data key) no longer carries valid approvals and must not reach the bank.
    const today = isoDay(ctx.now);
    ctx.progress({ done: 0, total: selected.length });
    for (const [index, { payment }] of selected.entries()) {
      // Ensure the bank gets no stale order: expired, or asking to be paid on a day already gone.
      ensureNotExpired(payment, ctx.now);
      ensureExecutionDateAhead(payment, today);
      // Ensure every approval that counts carries a hardware-key assertion that verifies over the payment as it is now.
      const { counted } = await verifyApprovals(ctx.vault, ctx.policyState, payment);
      const status = approvalStatusOf(ctx.policy, payment, counted);
      if (!status.executable) throw new CofferError(status.reason, `payment ${payment.id} is marked approved but its approvals do not release it as it is now: ${status.message}`);
      if ((index + 1) % CHECKED_PER_PAUSE === 0) {
        ctx.progress({ done: index + 1, total: selected.length });
        await letEventLoopRun();
        ctx.throwIfCancelled();
      }
    }
    ctx.throwIfCancelled();
    const accounts = new Set(selected.map((stored) => stored.accountId));
    if (accounts.size > 1) throw new CofferError('APP_BAD_INPUT', `account: expected one debited account per file, found ${accounts.size}: name one`);
    const messageId = newRecordId().slice(0, 30);
    const totalMinor = sumMoney(selected.map((s) => ({ minor: s.payment.amountMinor, currency })), currency).minor;
    const details = { format: input.format, messageId, currency, count: selected.length, totalMinor, payments: selected.map((s) => s.payment.id), file: fileName(messageId, currency) };
    const resource = selected.map((s) => paymentResource(s.payment));
    const account = accountById(ctx.db, selected[0]?.accountId ?? '');
    // The file is built here, before the transaction, so that a large one is built off this thread; only for
    // a caller the dispatcher will let through (it denies, right after, one not allowed every payment).
    const file = resource.every((r) => ctx.permits(r))
      ? await built({
          messageId,
          createdAt: ctx.now.toISOString(),
          initiatingParty: { name: partyName(ctx.policy.orgName) },
          debtor: { name: partyName(account.name), iban: account.iban, ...(account.bic ? { bic: account.bic } : {}) },
          payments: selected.map((s) => s.payment),
        }, ctx.signal)
      : undefined;
    ctx.progress({ done: selected.length, total: selected.length });
    return { resource, target: messageId, details, data: { selected, messageId, totalMinor, account, file } };
  },
  run(ctx, input, { selected, messageId, totalMinor, account: readAccount, file: builtFile }) {
    // Ensure the file's payments and debtor are still what they were read as: unchanged payments (by version)
    // and account mean the file built before the transaction is the one this transaction would build.
    const current: StoredPayment[] = selected.map((s) => requireUnchangedPayment(ctx.db, s.payment.id, s.payment.version));
    const account = accountById(ctx.db, current[0]?.accountId ?? '');
    if (!sameAccount(account, readAccount)) throw new CofferError('APP_STALE', 'expected the debited account as the file was built for, found it changed since: nothing was exported; export again');
    if (builtFile === undefined) throw new CofferError('APP_INTERNAL', 'expected the file to be built before the export runs, found none');
    if ('refusal' in builtFile) throw builtFile.refusal;
    const queued: Payment[] = current.map((s) => transitionPayment(s.payment, 'queued'));
    queued.forEach((payment, i) => updatePayment(ctx.db, payment, account.id, current[i]?.payment.version ?? 0, ctx.now));
    const file = { name: fileName(messageId, account.currency), mediaType: 'application/xml', bytes: builtFile.bytes };
    return { file, format: input.format, messageId, currency: account.currency, count: queued.length, totalMinor, payments: queued.map((p) => p.id) };
  },
});

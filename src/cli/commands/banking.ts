import type { Command } from 'commander';
import { given, integer, runAppCommand } from '../appSession.js';
import { formatTable } from './bankingTable.js';
import { inputFile } from '../inputFile.js';
import { readBoundedFile } from '../readBoundedFile.js';
import { payeeCheckWord } from './payeeCheckText.js';

/** A payee check's JWS is well under this; anything longer is not one. */
const MAX_ANSWER_BYTES = 8192;
import { statementImportText } from './statementImportText.js';

/** accounts, transactions, payees and statements: thin wrappers over the dispatcher. */
export function registerBanking(program: Command): void {
  program
    .command('accounts')
    .description('the organisation\'s accounts')
    .command('list')
    .description('each account with IBAN, currency and balance')
    .action((_opts, command: Command) =>
      runAppCommand(command, 'accounts.list', {}, (v) =>
        formatTable(['IBAN', 'CURRENCY', 'BALANCE', 'NAME'], v.accounts.map((a) => [a.iban, a.currency, a.balance, a.name]), [2]),
      ),
    );

  program
    .command('transactions')
    .description('statement bookings')
    .command('list')
    .description('bookings, newest first')
    .option('--account <iban>', 'only this account')
    .option('--currency <code>', 'only this currency')
    .option('--from <date>', 'booked on or after YYYY-MM-DD')
    .option('--to <date>', 'booked on or before YYYY-MM-DD')
    .option('--min-amount <amount>', 'at least this much (either direction)')
    .option('--max-amount <amount>', 'at most this much (either direction)')
    .option('--direction <credit|debit>', 'money in (credit) or out (debit)')
    .option('--text <text>', 'in the counterparty, remittance or reference')
    .option('--limit <n>', 'rows per page (default 50)', integer)
    .option('--offset <n>', 'rows to skip', integer)
    .action((opts: Record<string, string | number | undefined>, command: Command) =>
      runAppCommand(command, 'transactions.list', given(opts), (v) =>
        [
          formatTable(
            ['DATE', 'ACCOUNT', 'AMOUNT', 'CUR', 'COUNTERPARTY', 'REMITTANCE', 'REFERENCE'],
            v.transactions.map((t) => [t.bookingDate, t.account, t.amount, t.currency, t.counterpartyName, t.remittanceInfo || t.additionalInfo, t.entryRef]),
            [2],
          ),
          `${v.transactions.length === 0 ? 0 : v.offset + 1}–${v.offset + v.transactions.length} of ${v.total}`,
        ].join('\n'),
      ),
    );

  const payees = program.command('payees').description('the payee list');
  payees
    .command('add')
    .description('add a beneficiary')
    .requiredOption('--name <name>', 'the beneficiary\'s name')
    .requiredOption('--iban <iban>', 'their IBAN')
    .option('--bic <bic>', 'their bank\'s BIC')
    .action((opts: { name: string; iban: string; bic?: string }, command: Command) =>
      runAppCommand(command, 'payees.add', given(opts), (v) =>
        [v.id, ...v.sameNameOtherIban.map((other) => `warning: payee ${other.id} has the same name but pays ${other.iban}: check which IBAN the beneficiary really holds`)].join('\n'),
      ),
    );
  payees
    .command('list')
    .description('the payee list')
    .action((_opts, command: Command) =>
      runAppCommand(command, 'payees.list', {}, (v) =>
        formatTable(
          ['NAME', 'IBAN', 'BIC', 'ID', 'BANK CHECK', 'WARNING'],
          v.payees.map((p) => [p.name, p.iban, p.bic, p.id, payeeCheckWord(p.payeeCheck), p.sameNameOtherIban.length > 0 ? `same name, other IBAN: ${p.sameNameOtherIban.map((o) => o.id).join(', ')}` : '']),
        ),
      ),
    );

  payees
    .command('record-check')
    .description("keep the bank's signed Verification of Payee answer (from POST /v1/payee-checks) for a payee or a payment")
    .requiredOption('--answer-file <file>', 'the answer as the gateway sent it: a compact JWS')
    .option('--payee <id>', 'the payee it is about')
    .option('--payment <id>', 'or the payment whose creditor it is about')
    .action(({ answerFile, ...opts }: { answerFile: string; payee?: string; payment?: string }, command: Command) =>
      runAppCommand(command, 'payees.record-check', { answer: readBoundedFile(answerFile, MAX_ANSWER_BYTES, 'the answer file').toString('utf8').trim(), ...given(opts) }, (v) =>
        `${v.checkId} ${v.result}${v.registeredName === null ? '' : ` (the bank holds "${v.registeredName}")`}`,
      ),
    );

  program
    .command('statements')
    .description('bank statements')
    .command('import')
    .description('book a statement file: camt.052/053/054, MT940/MT942, bank CSV or a ZIP of them (de-duplicated, reconciled; all or nothing)')
    .argument('<file>', 'the statement file')
    .option('--account <iban>', 'the account a file that names none belongs to (a CSV without the own IBAN)')
    .option('--format <camt|mt940|csv|zip>', 'instead of detecting it from the content')
    .option('--columns <spec>', 'CSV columns of an export Coffer does not know, e.g. "date=1,amount=4,text=6,name=3,currency=EUR"')
    .option('--accept-unreconciled', 'book statements that do not reconcile with themselves (refused otherwise)')
    .action((file: string, opts: { account?: string; format?: string; columns?: string; acceptUnreconciled?: boolean }, command: Command) =>
      runAppCommand(command, 'statements.import', { file: inputFile(file, 'statement file'), ...given(opts) }, statementImportText),
    );
}

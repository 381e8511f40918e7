import type { Command } from 'commander';
import { given, integer, runAppCommand } from '../appSession.js';
import { formatTable } from './bankingTable.js';
import { inputFile } from '../inputFile.js';

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
            v.transactions.map((t) => [t.bookingDate, t.account, t.amount, t.currency, t.counterpartyName, t.remittanceInfo, t.entryRef]),
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
          ['NAME', 'IBAN', 'BIC', 'ID', 'CHECK'],
          v.payees.map((p) => [p.name, p.iban, p.bic, p.id, p.sameNameOtherIban.length > 0 ? `same name, other IBAN: ${p.sameNameOtherIban.map((o) => o.id).join(', ')}` : '']),
        ),
      ),
    );

  program
    .command('statements')
    .description('bank statements')
    .command('import')
    .description('book a camt.053 or CSV statement (de-duplicated; all or nothing)')
    .argument('<file>', 'camt.053 XML or CSV file')
    .option('--account <iban>', 'the account a CSV statement belongs to')
    .option('--format <camt.053|csv>', 'instead of guessing from the file')
    .action((file: string, opts: { account?: string; format?: string }, command: Command) =>
      runAppCommand(command, 'statements.import', { file: inputFile(file, 'statement file'), ...given(opts) }, (v) =>
        [
          `Imported ${v.imported} bookings (${v.duplicates} already booked) from a ${v.format} statement`,
          ...v.accounts.map((a) => `  ${a.iban}: ${a.imported} new, ${a.duplicates} duplicates`),
          ...(v.formulaCells > 0 ? [`  ${v.formulaCells} cells look like spreadsheet formulas: kept as text, neutralised on export`] : []),
        ].join('\n'),
      ),
    );
}

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { exportPayments } from '../../server/index.js';
import { withServerStore } from './serverStore.js';

/** `coffer server payments export`: bank staff emit the accepted payments as pain.001 files. */
export function registerServerPayments(server: Command): void {
  server
    .command('payments')
    .description('payments the gateway accepted')
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

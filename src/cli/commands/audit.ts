import type { Command } from 'commander';
import { verifyAuditBundleBytes } from '../../app/index.js';
import { given, integer, runAppCommand } from '../appSession.js';
import { globalOptions } from '../globalOptions.js';
import { printResult, usageError } from '../output.js';
import { progressReporter } from '../progress.js';
import { readBoundedFile } from '../readBoundedFile.js';
import { formatTable } from './bankingTable.js';

const MAX_BUNDLE_BYTES = 1024 ** 3;

function verifiedText(v: { size: number; checkpoints: number; rootHash: string; witnessedSize?: number; cosignatures?: number }): string {
  const witnessed = v.witnessedSize === undefined ? [] : [`witnessed by the bank up to ${v.witnessedSize} entries (${v.cosignatures ?? 0} cosignatures checked)${v.witnessedSize < v.size ? `; the last ${v.size - v.witnessedSize} are witnessed at the next sync` : ''}`];
  return [`audit log verified: ${v.size} entries, ${v.checkpoints} checkpoints`, `root ${v.rootHash}`, ...witnessed].join('\n');
}

/** `audit verify --bundle F`: no vault and no password, so no session either. */
async function verifyBundleFile(command: Command, bundle: string, trustedKey: string | undefined): Promise<void> {
  const options = globalOptions(command);
  // Ensure no flag is silently ignored: a bundle is verified on its own, never "instead of" the vault.
  if (command.optsWithGlobals<{ vault?: string }>().vault !== undefined) {
    throw usageError('give --bundle FILE or --vault DIR, not both: a bundle is checked on its own');
  }
  const progress = progressReporter('verifying');
  try {
    const bytes = readBoundedFile(bundle, MAX_BUNDLE_BYTES, 'bundle file');
    const result = await verifyAuditBundleBytes(bytes, { ...(trustedKey ? { trustedVerifierKey: trustedKey } : {}), ...progress });
    progress.stop();
    printResult(options, result, () => verifiedText(result));
  } finally {
    progress.stop();
  }
}

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident audit log');

  audit
    .command('log')
    .description("entries as a table (oldest first): one's own, or all of them for an auditor; filters combine")
    .option('--action <name>', 'an action or action prefix, e.g. vault or payments.create')
    .option('--actor <userId>', 'entries by this user')
    .option('--outcome <outcome>', 'allowed, denied or failed')
    .option('--since <time>', 'YYYY-MM-DD or an ISO 8601 time with zone, inclusive')
    .option('--until <time>', 'YYYY-MM-DD or an ISO 8601 time with zone, inclusive')
    .option('--limit <n>', 'only the newest n entries', integer)
    .action((opts: Record<string, string | number | undefined>, command: Command) =>
      runAppCommand(command, 'audit.log', given(opts), (v) =>
        [
          formatTable(
            ['SEQ', 'TIME', 'ACTOR', 'OUTCOME', 'ACTION', 'REASON/TARGET'],
            v.entries.map((e) => [String(e.seq), e.time.slice(0, 19).replace('T', ' '), e.actor.userId, e.outcome, e.action, e.reason ?? e.target ?? '']),
            [0],
          ),
          `${v.entries.length} entries (${v.scope === 'all' ? 'the whole log' : 'your own entries'})`,
        ].join('\n'),
      ),
    );

  audit
    .command('verify')
    .description('recompute the log and check every checkpoint (--vault DIR, or --bundle FILE without any password)')
    .option('--bundle <file>', 'an exported bundle to verify')
    .option('--trusted-key <verifierKey>', 'the device verifier key the log or bundle must be signed with')
    .action(async (opts: { bundle?: string; trustedKey?: string }, command: Command) => {
      if (opts.bundle !== undefined) return verifyBundleFile(command, opts.bundle, opts.trustedKey);
      await runAppCommand(command, 'audit.verify', given({ trustedKey: opts.trustedKey }), verifiedText, { recordUnlock: false });
    });

  audit
    .command('export')
    .description('write a coffer-audit-bundle/v1 file that anyone can verify without the vault')
    .requiredOption('--out <file>', 'where to write the bundle (must not exist unless --force)')
    .option('--force', 'replace an existing file (never a symbolic link)')
    .action((opts: { out: string; force?: boolean }, command: Command) =>
      runAppCommand(
        command,
        'audit.export',
        {},
        (v) => `wrote ${v.entries} entries and ${v.checkpoints} checkpoints to ${opts.out}\nverifier key ${v.verifierKey}`,
        { deliverTo: { path: opts.out, overwrite: opts.force === true } },
      ),
    );

  audit
    .command('checkpoint')
    .description('print the latest signed checkpoint (C2SP signed note)')
    .action((_opts, command: Command) => runAppCommand(command, 'audit.checkpoint', {}, (v) => v.checkpoint.trimEnd()));

  audit
    .command('prove')
    .description('inclusion proof of one entry as JSON (RFC 9162 §2.1.3)')
    .requiredOption('--index <n>', 'the entry (leaf) index', integer)
    .action((opts: { index: number | string }, command: Command) =>
      runAppCommand(command, 'audit.prove', { index: opts.index }, (v) => JSON.stringify(v, null, 2)),
    );
}

import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  auditVaultLog,
  exportAuditBundle,
  listAuditEntries,
  proveInclusion,
  verifyAuditBundleFile,
  withUnlockedVault,
  type AuditFilter,
} from '../../app/index.js';
import { usageError, printResult } from '../output.js';
import { globalOptions, readPassword, vaultDir } from '../globalOptions.js';
import { progressReporter } from '../progress.js';

const OUTCOMES = ['allowed', 'denied', 'failed'] as const;

function parseIndex(text: string): number {
  if (!/^\d+$/.test(text)) throw usageError(`--index must be a non-negative integer, got ${JSON.stringify(text)}`);
  return Number(text);
}

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident audit log');

  audit
    .command('log')
    .description('entries as a table (newest last); filters combine')
    .option('--action <name>', 'an action or action prefix, e.g. vault or payments.create')
    .option('--actor <userId>', 'entries by this user')
    .option('--outcome <outcome>', 'allowed, denied or failed')
    .option('--since <time>', 'ISO 8601 date or time, inclusive')
    .option('--until <time>', 'ISO 8601 date or time, inclusive')
    .option('--limit <n>', 'only the newest n entries')
    .action(async (opts: Record<string, string | undefined>, command: Command) => {
      const options = globalOptions(command);
      if (opts.outcome !== undefined && !(OUTCOMES as readonly string[]).includes(opts.outcome)) {
        throw usageError(`--outcome must be one of ${OUTCOMES.join(', ')}`);
      }
      const filter: AuditFilter = {
        ...(opts.action ? { action: opts.action } : {}),
        ...(opts.actor ? { actor: opts.actor } : {}),
        ...(opts.outcome ? { outcome: opts.outcome as AuditFilter['outcome'] } : {}),
        ...(opts.since ? { since: opts.since } : {}),
        ...(opts.until ? { until: `${opts.until}${opts.until.length === 10 ? 'T23:59:59.999Z' : ''}` } : {}),
        ...(opts.limit ? { limit: parseIndex(opts.limit) } : {}),
      };
      const entries = await withUnlockedVault(vaultDir(options), { password: await readPassword(options) }, (vault) => listAuditEntries(vault, filter));
      if (options.json) {
        for (const entry of entries) process.stdout.write(`${JSON.stringify(entry)}\n`);
        return;
      }
      const rows = entries.map((e) =>
        [String(e.seq).padStart(6), e.time.slice(0, 19).replace('T', ' '), e.actor.userId.padEnd(10), e.outcome.padEnd(7), e.action.padEnd(22), e.reason ?? e.target ?? ''].join('  '),
      );
      process.stdout.write(`${['   seq  time                 actor       outcome  action                  reason/target', ...rows].join('\n')}\n`);
    });

  audit
    .command('verify')
    .description('recompute the log and check every checkpoint (--vault DIR, or --bundle FILE without any password)')
    .option('--bundle <file>', 'an exported bundle to verify')
    .option('--trusted-key <verifierKey>', 'with --bundle: the device verifier key the bundle must carry')
    .action(async (opts: { bundle?: string; trustedKey?: string }, command: Command) => {
      const options = globalOptions(command);
      const progress = progressReporter('verifying');
      try {
        const result = opts.bundle
          ? verifyAuditBundleFile(opts.bundle, { ...(opts.trustedKey ? { trustedVerifierKey: opts.trustedKey } : {}), ...progress })
          : await auditVaultLog(vaultDir(options), { password: await readPassword(options) }, progress.onProgress);
        progress.stop();
        printResult(options, { verified: true, ...result }, () =>
          [`audit log verified: ${result.size} entries, ${result.checkpoints} checkpoints`, `root ${result.rootHash}`].join('\n'),
        );
      } finally {
        progress.stop();
      }
    });

  audit
    .command('export')
    .description('write a coffer-audit-bundle/v1 file that anyone can verify without the vault')
    .requiredOption('--out <file>', 'where to write the bundle')
    .action(async (opts: { out: string }, command: Command) => {
      const options = globalOptions(command);
      const bundle = await withUnlockedVault(vaultDir(options), { password: await readPassword(options) }, (vault) => {
        vault.record([{ action: 'audit.export', outcome: 'allowed', details: { out: opts.out } }]);
        return exportAuditBundle(vault);
      });
      writeFileSync(opts.out, `${JSON.stringify(bundle)}\n`, { mode: 0o600 });
      printResult(options, { out: opts.out, entries: bundle.entries.length, verifierKey: bundle.verifierKey }, () =>
        `wrote ${bundle.entries.length} entries and ${bundle.checkpoints.length} checkpoints to ${opts.out}\nverifier key ${bundle.verifierKey}`,
      );
    });

  audit
    .command('checkpoint')
    .description('print the latest signed checkpoint (C2SP signed note)')
    .action(async (_opts, command: Command) => {
      const options = globalOptions(command);
      const note = await withUnlockedVault(vaultDir(options), { password: await readPassword(options) }, (vault) => ({
        checkpoint: vault.audit.checkpoint() ?? '',
        verifierKey: vault.audit.identity.verifierKey,
      }));
      printResult(options, note, () => note.checkpoint.trimEnd());
    });

  audit
    .command('prove')
    .description('inclusion proof of one entry as JSON (RFC 9162 §2.1.3)')
    .requiredOption('--index <n>', 'the entry (leaf) index')
    .action(async (opts: { index: string }, command: Command) => {
      const options = globalOptions(command);
      const index = parseIndex(opts.index);
      const proof = await withUnlockedVault(vaultDir(options), { password: await readPassword(options) }, (vault) => proveInclusion(vault, index));
      process.stdout.write(`${JSON.stringify(proof, null, options.json ? undefined : 2)}\n`);
    });
}

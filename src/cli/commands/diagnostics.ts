import type { Command } from 'commander';
import { BENCH_GROUPS, runBenchmarksInWorker, runDoctor, type BenchGroup } from '../../app/index.js';
import { benchDesktop, findChromium } from '../../desktop/index.js';
import { integer } from '../appSession.js';
import { printResult, usageError } from '../output.js';
import { globalOptions } from '../globalOptions.js';

export function registerDiagnostics(program: Command): void {
  program
    .command('doctor')
    .description('environment: Node, OpenSSL and FIPS status, SQLCipher, Chromium')
    .action((_opts, command: Command) => {
      const options = globalOptions(command);
      const chromium = findChromium() ?? null;
      const report = { ...runDoctor(), chromium };
      printResult(options, report, () =>
        [
          `node      ${report.node} (${report.platform})`,
          `openssl   ${report.openssl}`,
          `fips      ${report.fips.statement}`,
          `sqlite    ${report.sqlite}, ${report.cipher} (SQLCipher 4 format)`,
          `core dump ${report.coreDumpsDisabled === true ? 'disabled (an unlocked data key never reaches a dump file)' : report.coreDumpsDisabled === false ? 'ENABLED: run Coffer through bin/coffer, which sets ulimit -c 0' : 'unknown on this system'}`,
          `chromium  ${chromium ? `${chromium.version} at ${chromium.path}` : 'not found (install Debian chromium or set COFFER_CHROMIUM)'}`,
        ].join('\n'),
      );
    });

  program
    .command('bench')
    .description('benchmarks, one JSON line per figure, each with the 1-minute load average')
    .option('--quick', 'small sizes, a smoke run')
    .option('--only <groups>', `comma-separated groups to run: ${[...BENCH_GROUPS, 'desktop'].join(', ')}; with --server, sqlite or postgres`)
    .option('--server', 'the bank gateway instead: payment submissions and signed statement syncs over loopback, on SQLite, and on PostgreSQL when DATABASE_URL is set')
    .option('--seconds <n>', 'with --server: seconds per load phase (default 10, 2 with --quick)', integer)
    .option('--growth-to <lines>', 'with --server: stored statement lines at the end of the growth curve (default 10000000, 50000 with --quick)', integer)
    .option('--clients-in-process', "with --server: the load generator in the gateway's thread, as the figures before 2026-12-02 06:00 UTC were measured, instead of a worker thread")
    .option('--gateway-processes <n>', 'with --server: gateways serving the load on PostgreSQL, this process and n - 1 child processes on one schema, sent to in turn (default 1)', integer)
    .action(async (opts: { quick?: boolean; only?: string; server?: boolean; seconds?: number | string; growthTo?: number | string; clientsInProcess?: boolean; gatewayProcesses?: number | string }) => {
      if (!opts.server && (opts.seconds !== undefined || opts.growthTo !== undefined || opts.clientsInProcess || opts.gatewayProcesses !== undefined)) {
        throw usageError('--seconds, --growth-to, --clients-in-process and --gateway-processes go with --server');
      }
      if (opts.server) {
        if (opts.only !== undefined && opts.only !== 'sqlite' && opts.only !== 'postgres') throw usageError(`with --server, --only takes sqlite or postgres; found ${opts.only}`);
        if (opts.only === 'postgres' && !process.env.DATABASE_URL) throw usageError('--only postgres needs DATABASE_URL');
        if (opts.seconds !== undefined && (typeof opts.seconds !== 'number' || opts.seconds < 1 || opts.seconds > 600)) throw usageError(`expected --seconds between 1 and 600, found ${String(opts.seconds)}`);
        if (opts.growthTo !== undefined && (typeof opts.growthTo !== 'number' || opts.growthTo < 20_000)) throw usageError(`expected --growth-to of at least 20000 lines, found ${String(opts.growthTo)}`);
        if (opts.gatewayProcesses !== undefined && (typeof opts.gatewayProcesses !== 'number' || opts.gatewayProcesses < 1 || opts.gatewayProcesses > 8)) {
          throw usageError(`expected --gateway-processes between 1 and 8, found ${String(opts.gatewayProcesses)}`);
        }
        if (opts.gatewayProcesses !== undefined && opts.gatewayProcesses > 1 && !process.env.DATABASE_URL) throw usageError('--gateway-processes above 1 needs DATABASE_URL (an SQLite file serves one process)');
        const { benchServer } = await import('../../server/index.js');
        const databaseUrl = process.env.DATABASE_URL;
        await benchServer((figure) => process.stdout.write(`${JSON.stringify(figure)}\n`), {
          ...(opts.quick ? { quick: true } : {}),
          ...(databaseUrl ? { databaseUrl } : {}),
          ...(typeof opts.seconds === 'number' ? { seconds: opts.seconds } : {}),
          ...(typeof opts.growthTo === 'number' ? { growthTo: opts.growthTo } : {}),
          ...(opts.only === 'sqlite' || opts.only === 'postgres' ? { only: opts.only } : {}),
          ...(opts.clientsInProcess ? { clients: 'inProcess' as const } : {}),
          ...(typeof opts.gatewayProcesses === 'number' ? { gatewayProcesses: opts.gatewayProcesses } : {}),
        });
        return;
      }
      const groups: readonly string[] = [...BENCH_GROUPS, 'desktop'];
      const only = opts.only?.split(',').map((group) => group.trim());
      const unknown = only?.find((group) => !groups.includes(group));
      if (unknown !== undefined) throw usageError(`--only takes ${groups.join(', ')}; found ${unknown}`);
      const emit = (figure: object) => process.stdout.write(`${JSON.stringify(figure)}\n`);
      const appGroups = only?.filter((group): group is BenchGroup => (BENCH_GROUPS as readonly string[]).includes(group));
      if (!only || (appGroups && appGroups.length > 0)) {
        await runBenchmarksInWorker(emit, { ...(opts.quick ? { quick: true } : {}), ...(appGroups ? { only: appGroups } : {}) });
      }
      // The window's figures live with the shell (src/desktop/bench): src/app may not import the desktop layer.
      if (!only || only.includes('desktop')) await benchDesktop(emit, { quick: opts.quick });
    });
}

import type { Command } from 'commander';
import { DEFAULT_RATE_LIMIT, startGateway } from '../../server/index.js';
import { integer } from '../appSession.js';
import { usageError } from '../output.js';
import { registerServerBank } from './serverBank.js';
import { registerServerPayments } from './serverPayments.js';
import { storeOptions } from './serverStore.js';

interface ServeOptions {
  port?: number | string;
  host: string;
  tlsCert?: string;
  tlsKey?: string;
  rpId: string;
  rateLimit?: number | string;
}

/** `coffer server`: the bank gateway, and under it bank staff's commands. */
export function registerServer(program: Command): void {
  const server = program
    .command('server')
    .description('the bank gateway (DATABASE_URL selects PostgreSQL), and bank staff commands')
    .option('--data <dir>', 'folder of the SQLite store when DATABASE_URL is not set (default ~/.local/share/coffer-gateway)')
    .option('--staff <name>', 'bank staff member recorded in the audit log (default: the OS user)')
    .option('--port <port>', 'TCP port (default 8443 with TLS, 8080 without)', integer)
    .option('--host <address>', 'address to listen on; plain HTTP only on loopback', '127.0.0.1')
    .option('--tls-cert <file>', 'PEM certificate chain')
    .option('--tls-key <file>', 'PEM private key')
    .option('--rate-limit <requests>', `requests per minute from one client address, across every process on the store (default ${DEFAULT_RATE_LIMIT.max})`, integer)
    .option('--rp-id <domain>', 'WebAuthn relying party id; approvals must come from https://desktop.<domain>', 'bank.example')
    .action(async (opts: ServeOptions, command: Command) => {
      if ((opts.tlsCert === undefined) !== (opts.tlsKey === undefined)) throw usageError('give --tls-cert and --tls-key together');
      if (opts.port !== undefined && (typeof opts.port !== 'number' || opts.port > 65535)) throw usageError(`expected --port between 0 and 65535, found ${String(opts.port)}`);
      if (opts.rateLimit !== undefined && (typeof opts.rateLimit !== 'number' || opts.rateLimit < 1)) throw usageError(`expected --rate-limit as a whole number of requests per minute, at least 1, found ${String(opts.rateLimit)}`);
      const rateLimit = opts.rateLimit === undefined ? undefined : { max: opts.rateLimit, windowMs: DEFAULT_RATE_LIMIT.windowMs };
      const tls = opts.tlsCert && opts.tlsKey ? { certFile: opts.tlsCert, keyFile: opts.tlsKey } : undefined;
      const gateway = await startGateway({ store: storeOptions(command), host: opts.host, port: opts.port ?? (tls ? 8443 : 8080), rpId: opts.rpId, ...(tls ? { tls } : {}), ...(rateLimit ? { rateLimit } : {}) });
      process.stderr.write(`coffer: gateway listening on ${gateway.url}\n`);
      // Ends on SIGINT or SIGTERM: in-flight requests finish, then the store closes.
      await new Promise<void>((resolve) => {
        const stop = () => void gateway.close().then(resolve, resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
  registerServerBank(server);
  registerServerPayments(server);
}

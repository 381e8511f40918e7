import { buildGateway } from '../http/buildGateway.js';
import { openStore } from '../store/openStore.js';

// One further gateway of `coffer bench --server --gateway-processes N` (benchGatewayProcesses.ts): a child
// process, not a thread, on the bench's PostgreSQL schema, as the deployment runs several gateway
// processes on one database behind a load balancer. Named .worker.ts so bin/coffer bundles it beside the CLI.

/** What the bench hands each further gateway (in COFFER_BENCH_GATEWAY: the URL may hold a password). */
export interface BenchGatewaySetup {
  databaseUrl: string;
  schema: string;
  poolSize: number;
  rateLimit: { max: number; windowMs: number };
}

const setup = JSON.parse(process.env.COFFER_BENCH_GATEWAY ?? '{}') as BenchGatewaySetup;
const store = await openStore({ databaseUrl: setup.databaseUrl, schema: setup.schema, poolSize: setup.poolSize });
const app = await buildGateway({ store, log: false, rateLimit: setup.rateLimit });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
if (address === null || typeof address === 'string') throw new Error('expected a TCP address');

async function stop(): Promise<void> {
  await app.close();
  await store.close();
  process.exit(0);
}
// Asked to stop, or orphaned (the bench died): either way the requests in flight finish and the pool closes.
process.on('message', (message) => void (message === 'close' && stop()));
process.on('disconnect', () => void stop());
process.send?.({ port: address.port });

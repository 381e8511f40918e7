import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { CofferError } from '../../contract/index.js';
import { openStore, type OpenStoreOptions } from '../store/openStore.js';
import { buildGateway, type GatewayOptions } from './buildGateway.js';
import { ensureListenable } from './listenAddress.js';

export interface StartGatewayOptions {
  store: OpenStoreOptions;
  host: string;
  port: number;
  tls?: { certFile: string; keyFile: string };
  rateLimit?: GatewayOptions['rateLimit'];
  rpId?: string;
}

export interface RunningGateway {
  app: FastifyInstance;
  /** The URL it answers on (with the port chosen when 0 was asked). */
  url: string;
  close(): Promise<void>;
}

function readPem(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (cause) {
    throw new CofferError('SERVER_BAD_OPTIONS', `expected a readable PEM ${what} at ${file}, found none`, { cause });
  }
}

/** `coffer server`: checks where it may listen, opens and migrates the store, and serves until closed. */
export async function startGateway(options: StartGatewayOptions): Promise<RunningGateway> {
  ensureListenable(options.host, options.tls !== undefined);
  const https = options.tls ? { cert: readPem(options.tls.certFile, 'certificate'), key: readPem(options.tls.keyFile, 'private key') } : undefined;
  const store = await openStore(options.store);
  try {
    const app = await buildGateway({ store, ...(https ? { https } : {}), ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}), ...(options.rpId ? { rpId: options.rpId } : {}) });
    await app.listen({ host: options.host, port: options.port });
    const address = app.server.address();
    const port = address !== null && typeof address === 'object' ? address.port : options.port;
    const host = options.host.includes(':') && !options.host.startsWith('[') ? `[${options.host}]` : options.host;
    app.log.info({ store: store.where }, 'gateway ready');
    return {
      app,
      url: `${https ? 'https' : 'http'}://${host}:${port}`,
      async close() {
        await app.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

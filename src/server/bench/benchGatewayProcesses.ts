import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchGatewaySetup } from './benchGateway.worker.js';

/** Further gateway processes on the bench's PostgreSQL schema, each on its own loopback port. */
export interface BenchGatewayProcesses {
  /** Their base URLs (`http://127.0.0.1:PORT`). */
  bases: string[];
  close(): Promise<void>;
}

function forkGateway(setup: BenchGatewaySetup): ChildProcess {
  const here = import.meta.url;
  const env = { ...process.env, COFFER_BENCH_GATEWAY: JSON.stringify(setup) };
  // Bundled (bin/coffer): the entry was built beside the bundle as benchGateway.worker.mjs.
  if (!here.endsWith('.ts')) return fork(fileURLToPath(new URL('./benchGateway.worker.mjs', here)), [], { env });
  // From the sources (tests, tsx): the child loads tsx's loader first, found from this file, not from the cwd.
  const loader = pathToFileURL(createRequire(here).resolve('tsx')).href;
  return fork(fileURLToPath(new URL('./benchGateway.worker.ts', here)), [], { env, execArgv: ['--import', loader] });
}

function listening(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    child.once('message', (message: { port?: unknown }) => (typeof message.port === 'number' ? resolve(`http://127.0.0.1:${message.port}`) : reject(new Error('expected a port from a gateway process'))));
    child.once('exit', (code) => reject(new Error(`a gateway process exited with ${String(code)} before listening`)));
  });
}

/** Starts `count` gateway processes on `schema` of `databaseUrl` and waits until each one listens. */
export async function startBenchGatewayProcesses(count: number, setup: BenchGatewaySetup): Promise<BenchGatewayProcesses> {
  const children = Array.from({ length: count }, () => forkGateway(setup));
  const stopAll = () =>
    Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            if (child.connected) child.send('close');
            else child.kill();
          }),
      ),
    ).then(() => undefined);
  try {
    const bases = await Promise.all(children.map(listening));
    return { bases, close: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

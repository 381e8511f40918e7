/**
 * `coffer server` as separate processes, as bank staff run it: spawned in the background on a store named
 * by `--data DIR` or `DATABASE_URL`, stopped with SIGTERM after the test.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import pg from 'pg';
import { afterEach } from 'vitest';
import { randomId } from '../../src/crypto/index.js';
import { postgresUrl } from './gatewayStores.js';

const COFFER = resolve(import.meta.dirname, '..', '..', 'bin', 'coffer');
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

/** `coffer server …` in the background; resolves with its URL once it says it listens. */
export function serve(args: string[], env: Record<string, string>): Promise<{ url: string; stop: () => Promise<number | null>; kill: () => Promise<number | null> }> {
  const child = spawn(COFFER, ['server', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<number | null>((done) => child.on('close', done));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    return exited;
  };
  // A crash: no graceful close, whatever it was doing is cut off where it stands.
  const kill = async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    return exited;
  };
  stops.push(async () => void (await stop()));
  return new Promise((done, fail) => {
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      const match = /listening on (\S+)/.exec(stderr);
      if (match?.[1]) done({ url: match[1], stop, kill });
    });
    void exited.then((status) => fail(new Error(`coffer server exited ${String(status)}: ${stderr}`)));
  });
}

/** A fresh PostgreSQL database for one test, dropped afterwards: the CLI names its store by URL only. */
export async function freshDatabaseUrl(): Promise<string> {
  const name = `coffer_cli_${randomId().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  stops.push(async () => {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  });
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

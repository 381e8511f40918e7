import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { locateCheckout } from '../../src/desktop/index.js';

const COFFER = join(locateCheckout(import.meta.dirname), 'bin', 'coffer');

export interface Gateway {
  url: string;
  stop(): Promise<number | null>;
}

/**
 * `coffer server --data DIR --port P` as bank staff start it (port 0: any free one), in an environment without
 * the tests' COFFER_ and DATABASE_URL settings; resolves once it says where it listens.
 */
export function startGateway(dataDir: string, port = 0): Promise<Gateway> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('COFFER_') && name !== 'DATABASE_URL'));
  const child = spawn(COFFER, ['server', '--data', dataDir, '--port', String(port)], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  return new Promise((done, fail) => {
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      const match = /listening on (\S+)/.exec(stderr);
      if (match?.[1]) done({ url: match[1], stop });
    });
    void exited.then((code) => fail(new Error(`coffer server exited ${String(code)}: ${stderr}`)));
  });
}

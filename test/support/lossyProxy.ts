/**
 * A proxy in front of a real gateway that can lose answers: it forwards a request, lets the gateway act on
 * it, and then cuts the connection instead of answering — what a client sees when the network fails after
 * the bank has already acted, or change answers as a hostile gateway would. Signatures cover method, path,
 * query and body, not the host, so they pass.
 */
import { createServer, type Server } from 'node:http';
import { afterEach } from 'vitest';

const running: Server[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) await new Promise((done) => server.close(done));
});

export interface LossyProxy {
  url: string;
  /** The next `count` requests whose method and path match are forwarded and then left unanswered. */
  loseAnswers(method: string, path: string, count: number): void;
  /** How many requests matching method and path reached the gateway. */
  forwarded(method: string, path: string): number;
  /** Answers to requests matching method and path are changed by `rewrite` before the client sees them: a hostile gateway. */
  rewriteAnswers(method: string, path: string, rewrite: (text: string) => string | Promise<string>): void;
  /** The body of every request matching method and path is handed to `watch` as it is forwarded. */
  watchRequests(method: string, path: string, watch: (body: string) => void): void;
}

export async function lossyProxy(upstream: string): Promise<LossyProxy> {
  const losses = new Map<string, number>();
  const seen = new Map<string, number>();
  const rewrites = new Map<string, (text: string) => string | Promise<string>>();
  const watches = new Map<string, (body: string) => void>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const key = `${request.method ?? ''} ${(request.url ?? '').split('?')[0] ?? ''}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
      const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => name !== 'host' && name !== 'connection' && name !== 'content-length').map(([name, value]) => [name, String(value)]));
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      watches.get(key)?.(body?.toString('utf8') ?? '');
      void fetch(`${upstream}${request.url ?? ''}`, { method: request.method ?? 'GET', headers, ...(body ? { body } : {}) }).then(async (answer) => {
        const text = await answer.text();
        const left = losses.get(key) ?? 0;
        if (left > 0) {
          losses.set(key, left - 1);
          request.socket.destroy();
          return;
        }
        response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
        response.end(await (rewrites.get(key)?.(text) ?? text));
      }, () => request.socket.destroy());
    });
  });
  running.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('expected a TCP address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    loseAnswers: (method, path, count) => void losses.set(`${method} ${path}`, count),
    forwarded: (method, path) => seen.get(`${method} ${path}`) ?? 0,
    rewriteAnswers: (method, path, rewrite) => void rewrites.set(`${method} ${path}`, rewrite),
    watchRequests: (method, path, watch) => void watches.set(`${method} ${path}`, watch),
  };
}

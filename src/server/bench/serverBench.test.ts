import { expect, it } from 'vitest';
import { describeOnEachStore, postgresUrl } from '../../../test/support/gatewayStores.js';
import { benchServer, type ServerBenchFigure } from './serverBench.js';

// A smoke run at the smallest sizes: what it proves is that every figure is produced, carries its baseline,
// goal and load average, and that every request of the load was answered as expected (the bench throws
// otherwise). No figure's value is judged here: speed is measured by `coffer bench --server`, never by a test.
describeOnEachStore('coffer bench --server', (stores) => {
  it('reports payments, syncs, half-load p99 and growth, each with its baseline or goal and the load average', { timeout: 240_000 }, async () => {
    const figures: ServerBenchFigure[] = [];
    await benchServer((figure) => figures.push(figure), { seconds: 1, growthTo: 20_000, ...(stores.kind === 'postgres' ? { databaseUrl: postgresUrl, only: 'postgres' as const } : { only: 'sqlite' as const }) });
    const byName = new Map(figures.map((figure) => [figure.figure, figure]));
    expect([...byName.keys()]).toEqual([
      'server.ed25519.verify',
      'server.payments.verify.raw',
      `server.payments.submit.${stores.kind}`,
      `server.statements.sync.${stores.kind}`,
      `server.statements.sync.${stores.kind}.halfLoad.p99`,
      `server.statements.sync.${stores.kind}.growth`,
    ]);
    for (const figure of figures) expect(figure.loadAverage1m).toEqual(expect.any(Number));
    expect(byName.get(`server.payments.submit.${stores.kind}`)).toMatchObject({ baseline: { name: 'server.payments.verify.raw' }, ratio: expect.any(Number), met: expect.any(Boolean), details: { accepted: expect.any(Number) } });
    expect(byName.get(`server.statements.sync.${stores.kind}.growth`)).toMatchObject({ met: expect.any(Boolean), details: { storedLarge: 20_000, indexed: true } });
  });

  it('with --gateway-processes 2 on PostgreSQL, spreads the load over two gateway processes on one schema, every request answered', { timeout: 240_000 }, async (context) => {
    if (stores.kind !== 'postgres') return context.skip();
    const figures: ServerBenchFigure[] = [];
    await benchServer((figure) => figures.push(figure), { seconds: 1, growthTo: 20_000, databaseUrl: postgresUrl, only: 'postgres', gatewayProcesses: 2 });
    const byName = new Map(figures.map((figure) => [figure.figure, figure]));
    expect(byName.get('server.payments.submit.postgres')).toMatchObject({ details: { gatewayProcesses: 2, accepted: expect.any(Number) } });
    expect(byName.get('server.statements.sync.postgres')).toMatchObject({ details: { gatewayProcesses: 2 } });
    expect(byName.get('server.statements.sync.postgres.halfLoad.p99')).toMatchObject({ details: { gatewayProcesses: 2 } });
  });
});

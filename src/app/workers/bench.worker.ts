import { runBenchmarks } from '../bench/runBenchmarks.js';
import { serveWorkerJob } from './serveWorkerJob.js';

// The whole bench off the caller's thread: each figure is sent back as soon as it is measured.
serveWorkerJob('bench.run', async (options, context) => {
  await runBenchmarks((figure) => context.event(figure), options);
  return { result: null };
});

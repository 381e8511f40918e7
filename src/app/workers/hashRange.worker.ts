import { hashEntryRange } from '../../audit/index.js';
import { serveWorkerJob } from './serveWorkerJob.js';
import { toWireError } from './wireError.js';

// One range of a bundle's entries per run: checked and hashed into the tree's shared memory; only the
// count and the first refusal go back.
serveWorkerJob('audit.hashRange', (packed) => {
  const range = hashEntryRange(packed);
  return { result: { first: range.first, count: range.count, ...(range.failure ? { failure: toWireError(range.failure) } : {}) } };
});

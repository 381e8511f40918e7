import { hashEntryRange } from '../../audit/index.js';
import { serveWorkerJob } from './serveWorkerJob.js';
import { toWireError } from './wireError.js';

// One range of a bundle's entries per run: checked, hashed, and its levels moved (not copied) back.
serveWorkerJob('audit.hashRange', (packed) => {
  const range = hashEntryRange(packed);
  return {
    result: { first: range.first, count: range.count, levels: range.levels, ...(range.failure ? { failure: toWireError(range.failure) } : {}) },
    transfer: range.levels.map((level) => level.buffer as ArrayBuffer),
  };
});

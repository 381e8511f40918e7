import { buildPain001 } from '../../domain/index.js';
import { serveWorkerJob } from './serveWorkerJob.js';

// A pain.001 file built off the caller's thread; its bytes are moved back, not copied.
serveWorkerJob('payments.pain001', (request) => {
  const bytes = new TextEncoder().encode(buildPain001(request));
  return { result: bytes, transfer: [bytes.buffer as ArrayBuffer] };
});

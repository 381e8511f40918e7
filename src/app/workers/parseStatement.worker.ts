import { parseStatementFile } from '../../domain/index.js';
import { serveWorkerJob } from './serveWorkerJob.js';

// A statement file read off the caller's thread: the answer is plain data (statements, entries, warnings).
serveWorkerJob('statements.parse', async ({ bytes, options }) => ({ result: await parseStatementFile(bytes, options) }));

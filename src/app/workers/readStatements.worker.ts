import { readStatementEntries } from '../commands/statementImport/readStatementEntries.js';
import { serveWorkerJob } from './serveWorkerJob.js';

// A statement file read off the caller's thread: headers as they are, entries as JSON text in chunks.
serveWorkerJob('statements.read', async ({ bytes, options }, context) => {
  await readStatementEntries(bytes, options, (event) => context.event(event.kind === 'entries' ? { kind: 'entries', json: JSON.stringify(event.entries) } : event));
  return { result: null };
});

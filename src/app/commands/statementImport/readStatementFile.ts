import type { ParseStatementFileOptions } from '../../../domain/index.js';
import type { Progress } from '../../../api/index.js';
import { cancelled, runInWorker } from '../../workers/startWorker.js';
import { readStatementEntries, type PlannedEntry, type ReadStatement, type ReadStatementFile, type StatementReadEvent } from './readStatementEntries.js';
import { letEventLoopRun } from '../../workers/letEventLoopRun.js';

/**
 * Below this many bytes a file is read on the calling thread. A bundled `statements.read` worker answers its
 * first request 0.2–0.3 s after it is started (measured at load 1.7; most of it loading the bundle on the
 * worker's own thread), 1–2 s from the TypeScript sources; reading 252 KiB of camt (430 entries) in place
 * took 6–28 ms at load 10, 498 KiB 18–205 ms.
 */
export const IN_THREAD_BELOW_BYTES = 256 * 1024;

export interface ReadStatementFileOptions extends ParseStatementFileOptions {
  /** Cancels the reading: the worker is terminated and it is refused with APP_CANCELLED. */
  signal?: AbortSignal;
  /** Entries taken over from the reading thread, of all entries in the file. */
  onProgress?: (progress: Progress) => void;
  /** Read in place below this size; IN_THREAD_BELOW_BYTES by default (tests choose 0 to use the worker). */
  inThreadBelowBytes?: number;
}

/** Builds the file from its events, in order. */
function collector(): { add(event: StatementReadEvent): void; file(): ReadStatementFile } {
  let container: ReadStatementFile['container'] = 'file';
  const statements: ReadStatement[] = [];
  return {
    add(event) {
      if (event.kind === 'file') container = event.container;
      else if (event.kind === 'statement') statements.push({ ...event.header, entries: [] });
      else {
        const entries = (statements.at(-1) as ReadStatement).entries;
        for (const entry of event.entries) entries.push(entry);
      }
    },
    file: () => ({ container, statements }),
  };
}


/**
 * Reads a statement file into the statements and planned entries of an import. A large file is read in a
 * `statements.read` worker: it parses the file, computes each entry's identity and row, and sends the entries
 * back as JSON text in chunks (a string crosses threads as one copy, where the parsed objects cost as much
 * to clone as to read); this thread parses one chunk at a time and lets its event loop run between chunks.
 */
export async function readStatementFile(bytes: Uint8Array, options: ReadStatementFileOptions = {}): Promise<ReadStatementFile> {
  const { signal, onProgress, inThreadBelowBytes = IN_THREAD_BELOW_BYTES, ...parseOptions } = options;
  const collect = collector();
  if (bytes.byteLength < inThreadBelowBytes) {
    await readStatementEntries(bytes, parseOptions, collect.add);
    return collect.file();
  }
  const events: (Exclude<StatementReadEvent, { kind: 'entries' }> | { kind: 'entries'; json: string })[] = [];
  await runInWorker('statements.read', { bytes, options: parseOptions }, { onEvent: (event) => events.push(event), ...(signal ? { signal } : {}) });
  const total = events.reduce((n, event) => n + (event.kind === 'file' ? event.entries : 0), 0);
  let done = 0;
  for (const event of events) {
    if (event.kind !== 'entries') {
      collect.add(event);
      continue;
    }
    await letEventLoopRun();
    if (signal?.aborted) throw cancelled('statements.import');
    const entries = JSON.parse(event.json) as PlannedEntry[];
    collect.add({ kind: 'entries', entries });
    done += entries.length;
    onProgress?.({ done, total });
  }
  return collect.file();
}

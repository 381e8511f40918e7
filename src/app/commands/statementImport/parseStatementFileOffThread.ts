import { parseStatementFile, type ParseStatementFileOptions, type StatementFileResult } from '../../../domain/index.js';
import { runInWorker } from '../../workers/startWorker.js';

/**
 * Files from this size on are read in a worker thread: reading takes about 55 % of an import's time (some
 * 10 ms per 100 KiB of camt here), which would otherwise hold the caller's event loop for seconds. Smaller
 * files are read in place, where starting a thread would cost more than reading them.
 */
export const PARSE_OFF_THREAD_BYTES = 1024 * 1024;

/**
 * `parseStatementFile`, in a worker thread for a file of PARSE_OFF_THREAD_BYTES or more (the bytes are
 * copied to it; the caller's stay usable). The same result or the same coded error either way;
 * `signal` terminates the worker (APP_CANCELLED).
 */
export async function parseStatementFileOffThread(bytes: Uint8Array, options: ParseStatementFileOptions, signal?: AbortSignal): Promise<StatementFileResult> {
  if (bytes.length < PARSE_OFF_THREAD_BYTES) return parseStatementFile(bytes, options);
  return runInWorker('statements.parse', { bytes, options }, signal ? { signal } : {});
}

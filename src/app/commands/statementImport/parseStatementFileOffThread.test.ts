import { describe, expect, it } from 'vitest';
import { parseStatementFile } from '../../../domain/index.js';
import { generateBenchStatement } from '../../bench/importBench.js';
import { PARSE_OFF_THREAD_BYTES, parseStatementFileOffThread } from './parseStatementFileOffThread.js';

// Worker threads load the TypeScript sources through tsx here, which takes a second or two per thread.
describe('when a statement file is large enough to be read in a worker', { timeout: 120_000 }, () => {
  const bytes = generateBenchStatement(2500);

  it('gives exactly what reading it in place gives', async () => {
    expect(bytes.length).toBeGreaterThanOrEqual(PARSE_OFF_THREAD_BYTES);
    const inPlace = await parseStatementFile(bytes, { fileName: 'day.xml' });
    expect(await parseStatementFileOffThread(bytes, { fileName: 'day.xml' })).toEqual(inPlace);
    expect(inPlace.statements[0]?.entries).toHaveLength(2500);
  });
  it('refuses a broken file with the code reading it in place gives', async () => {
    const broken = bytes.slice(0, bytes.length - 40);
    const inPlace = await parseStatementFile(broken).catch((error: unknown) => error as { code: string });
    expect(inPlace).toHaveProperty('code');
    await expect(parseStatementFileOffThread(broken, {})).toThrowCode((inPlace as { code: string }).code);
  });
  it('stops with APP_CANCELLED when the caller cancels', async () => {
    const controller = new AbortController();
    const reading = parseStatementFileOffThread(bytes, {}, controller.signal);
    setTimeout(() => controller.abort(), 10);
    await expect(reading).toThrowCode('APP_CANCELLED');
  });
});

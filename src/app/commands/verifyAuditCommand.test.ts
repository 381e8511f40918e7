import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, makeDemoVault, type DemoVault } from '../../../test/fixtures/demo/demoVault.js';
import { openSession } from '../dispatch/openSession.js';
import { localAppSession } from '../session/openLocalSession.js';

let dave: DemoVault;
beforeAll(async () => {
  dave = await makeDemoVault('dave');
});
afterAll(() => dave?.close());

const session = async () => localAppSession(await openSession(dave.vault));

// Worker threads load the TypeScript sources through tsx here, which takes a second or two per thread.
describe('when dave, the auditor, verifies the demo log through the dispatcher', { timeout: 120_000 }, () => {
  it('verifies it on worker threads and reports progress up to every entry', async () => {
    const progress: { done: number; total: number }[] = [];
    const result = await (await session()).dispatch('audit.verify', {}, { onProgress: (p) => progress.push(p) });
    expect(result).toMatchObject({ ok: true, value: { verified: true } });
    const size = result.ok ? result.value.size : -1;
    expect(progress.at(-1)).toEqual({ done: size, total: size });
  });
});

describe('when the caller cancels the verification', { timeout: 120_000 }, () => {
  it('refuses it with APP_CANCELLED, records the failure, and leaves the log usable', async () => {
    const before = auditEntries(dave.vault).length;
    const result = await (await session()).dispatch('audit.verify', {}, { signal: AbortSignal.abort() });
    expect(result).toMatchObject({ ok: false, error: { code: 'APP_CANCELLED' } });
    const recorded = auditEntries(dave.vault).slice(before);
    expect(recorded).toMatchObject([{ action: 'audit.verify', outcome: 'failed', reason: 'APP_CANCELLED' }]);
    // A cancelled verification is no finding: the vault still takes changes.
    expect((await (await session()).dispatch('audit.verify', {})).ok).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { parseStatementFile } from './parseStatementFile.js';
import { generateCamt053 } from '../camt/generateCamt053.js';

// The app must import 100,000 camt.053 entries at ≥ 20,000 entries/s end to end; parsing must be a small
// part of that. COFFER_PARSE_ENTRIES=100000 measures the full size (the default keeps the suite quick).
const ENTRIES = Number(process.env.COFFER_PARSE_ENTRIES ?? 20_000);

describe('parse speed', () => {
  it(`parses a generated camt.053 of ${ENTRIES} entries, every one booked and reconciled, and reports the time`, async () => {
    const { xml, netMinor } = generateCamt053(ENTRIES);
    const bytes = new TextEncoder().encode(xml);
    await parseStatementFile(new TextEncoder().encode(generateCamt053(2000).xml)); // warm the JIT, as a running app is
    const cpu = process.cpuUsage();
    const started = performance.now();
    const { statements } = await parseStatementFile(bytes);
    const wall = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const [statement] = statements;
    expect(statement?.entries).toHaveLength(ENTRIES);
    expect(statement?.entries.reduce((sum, entry) => sum + entry.amount.minor, 0)).toBe(netMinor);
    expect(statement?.reconciliation.status).toBe('reconciled');
    expect(new Set(statement?.entries.map((entry) => entry.identity)).size).toBe(ENTRIES);
    const cpuMs = (used.user + used.system) / 1000;
    console.log(`parse speed: ${ENTRIES} entries, ${(bytes.length / 1e6).toFixed(1)} MB in ${wall.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU: ${Math.round(ENTRIES / (cpuMs / 1000))} entries/s of CPU time`);
    // Generous: a loaded CI machine must not fail it; the report carries the real figure.
    expect(ENTRIES / (wall / 1000)).toBeGreaterThan(2000);
  });
});

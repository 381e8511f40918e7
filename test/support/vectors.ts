/**
 * Published test vectors and schemas (RFC 9162 Merkle cases, C2SP signed notes, ISO 20022 XSDs, real
 * camt.053 statements) live in `../shared/vectors/` beside the repository, never inside it (STYLE.md
 * rule 7), or wherever `COFFER_VECTORS_DIR` points. A lone clone has neither: every suite that reads
 * them is then skipped and prints one line on stderr naming what was not checked, so `make test` passes
 * there without hiding the gap.
 *
 * Rules, enforced where the vectors are present (so CI catches what would break a lone clone):
 * - read vectors (`readVector`, `readVectorJson`) only in the tests and hooks of a `describeWithVectors`
 *   suite, never at module level or in a suite body: a skipped suite's body still runs to collect its tests;
 * - list data-driven cases with `listVectorFiles`, which works while collecting.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe } from 'vitest';
import { getCurrentSuite, getCurrentTest } from 'vitest/suite';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fromEnvironment = process.env.COFFER_VECTORS_DIR;

/** Where the published vectors are looked for: `COFFER_VECTORS_DIR`, else `../shared/vectors` beside the repository. */
export const vectorsDir = fromEnvironment ? path.resolve(fromEnvironment) : path.resolve(repoRoot, '../shared/vectors');

/** True when the vectors folder exists. */
export const vectorsAvailable = existsSync(vectorsDir) && statSync(vectorsDir).isDirectory();

// A COFFER_VECTORS_DIR that names nothing is a mistake (CI sets it), not a lone clone: fail, never skip.
if (fromEnvironment && !vectorsAvailable) {
  throw new Error(`COFFER_VECTORS_DIR: expected the folder of published vectors, found nothing at ${vectorsDir}`);
}

const whyMissing = `${path.relative(repoRoot, vectorsDir)} not found beside the repository (set COFFER_VECTORS_DIR to run them)`;

// vitest imports the test file and runs every suite body before the first hook of the file.
let collecting = true;
beforeAll(function collectionDone() {
  collecting = false;
});

type Suite = NonNullable<ReturnType<typeof getCurrentSuite>['suite']>;
const vectorSuites = new WeakSet<Suite>();

function insideVectorSuite(suite: Suite | undefined): boolean {
  for (let at = suite; at; at = at.suite) if (vectorSuites.has(at)) return true;
  return false;
}

function ensureReadable(relative: string): void {
  // Ensure a clone without the vectors would skip this read instead of failing on it.
  if (collecting) {
    throw new Error(`readVector('${relative}'): expected a read inside a test or hook of describeWithVectors, found one while vitest collects the tests`);
  }
  const test = getCurrentTest();
  if (test && !insideVectorSuite(test.suite)) {
    throw new Error(`readVector('${relative}'): expected the test "${test.name}" inside describeWithVectors, found it outside`);
  }
  if (!vectorsAvailable) throw new Error(`readVector('${relative}'): ${whyMissing}`);
}

/** The text of one vector file, by its path under the vectors folder (`iso20022/pain.001.001.09.xsd`). */
export function readVector(relative: string): string {
  ensureReadable(relative);
  return readFileSync(path.join(vectorsDir, relative), 'utf8');
}

/** The bytes of one vector file (a bank statement as the bank sent it). */
export function readVectorBytes(relative: string): Uint8Array {
  ensureReadable(relative);
  return readFileSync(path.join(vectorsDir, relative));
}

/** One JSON vector file, parsed (the caller names its shape). */
export function readVectorJson<T>(relative: string): T {
  return JSON.parse(readVector(relative)) as T;
}

/**
 * The files under a vectors folder ending in `extension`, relative to it and sorted; usable while
 * collecting, for `it.each`. Without the vectors it gives `expected` placeholder names, so the skipped
 * suite counts as many tests as a full run. Listed with readdir, not a glob: RFC 9162 case names hold
 * `[`, `]` and `@`.
 */
export function listVectorFiles(folder: string, expected: number, extension = '.json'): string[] {
  if (!vectorsAvailable) return Array.from({ length: expected }, (_, i) => `${folder}/(absent ${i + 1})`);
  return readdirSync(path.join(vectorsDir, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith(extension))
    .sort();
}

interface CollectedTask {
  type: string;
  tasks?: CollectedTask[];
}

function countTests(task: CollectedTask): number {
  return task.type === 'test' ? 1 : (task.tasks ?? []).reduce((sum, child) => sum + countTests(child), 0);
}

/**
 * A `describe` whose tests need the published vectors; name it for what they check. Where the vectors
 * are absent the suite is skipped, and one line on stderr says how many of its tests did not run:
 * `coffer: skipped 99 tests of "…" (src/…test.ts): ../shared/vectors not found beside the repository …`.
 */
export function describeWithVectors(name: string, factory: () => void): void {
  const marked = function collectVectorSuite(): void {
    const suite = getCurrentSuite().suite;
    if (suite) vectorSuites.add(suite);
    factory();
  };
  if (vectorsAvailable) {
    describe(name, marked);
    return;
  }
  const collector = describe.skip(name, marked);
  const collect = collector.collect;
  // vitest collects nested suites after the body returns, so the count is known only once collect ends.
  collector.collect = async function collectAndCount(file) {
    const suite = await collect(file);
    const count = countTests(suite);
    process.stderr.write(`coffer: skipped ${count} test${count === 1 ? '' : 's'} of "${name}" (${path.relative(repoRoot, file.filepath)}): ${whyMissing}\n`);
    return suite;
  };
}

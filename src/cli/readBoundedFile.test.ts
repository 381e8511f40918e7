import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/tempDir.js';
import { readBoundedFile } from './readBoundedFile.js';

describe('readBoundedFile', () => {
  it('reads a regular file up to the limit, through a symlink too', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'statement.xml'), 'x'.repeat(100));
    symlinkSync(join(dir, 'statement.xml'), join(dir, 'link.xml'));
    expect(readBoundedFile(join(dir, 'link.xml'), 100, 'the statement').length).toBe(100);
  });

  it('refuses one byte more than the limit with CLI_BAD_FILE', async () => {
    const file = join(tempDir(), 'big.csv');
    writeFileSync(file, 'x'.repeat(101));
    await expect(() => readBoundedFile(file, 100, 'the statement')).toThrowCode('CLI_BAD_FILE');
  });

  it('refuses a directory, a device and a missing file in one line each', async () => {
    await expect(() => readBoundedFile(tempDir(), 100, 'the bundle')).toThrowCode('CLI_BAD_FILE');
    await expect(() => readBoundedFile('/dev/null', 100, 'the bundle')).toThrowCode('CLI_BAD_FILE');
    await expect(() => readBoundedFile(join(tempDir(), 'missing'), 100, 'the bundle')).toThrowCode('CLI_BAD_FILE');
  });
});

import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { redactPaths } from './redactPaths.js';

describe('redactPaths', () => {
  it('takes the vault folder, the temp and the home directory out of a message for the renderer', () => {
    const vault = join(homedir(), 'treasury', 'vault');
    expect(redactPaths(`cannot write ${join(vault, 'vault.keys')} (ENOSPC)`, vault)).toBe(`cannot write ‹vault›/vault.keys (ENOSPC)`);
    expect(redactPaths(`cannot read ${join(tmpdir(), 'x')}`, vault)).toBe('cannot read ‹temp›/x');
    expect(redactPaths(`cannot read ${join(homedir(), 'notes.txt')}`, vault)).toBe('cannot read ~/notes.txt');
  });
});

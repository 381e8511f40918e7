import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { randomBytes } from '../crypto/index.js';
import { tempPathFor } from './atomicWrite.js';
import { isCofferLeftover } from './leftovers.js';
import { BACKOFF_FILE, INIT_DB_PREFIX, KEYS_FILE, TEMP_NAME_HEX_LENGTH } from './paths.js';

describe('isCofferLeftover', () => {
  it('knows the temp names writeFileAtomic gives vault.keys and vault.backoff, and init database names', () => {
    for (const file of [KEYS_FILE, BACKOFF_FILE]) expect(isCofferLeftover(basename(tempPathFor(join('/v', file))))).toBe(true);
    const hex = randomBytes(TEMP_NAME_HEX_LENGTH / 2).toString('hex');
    expect(isCofferLeftover(`${INIT_DB_PREFIX}${hex}`)).toBe(true);
    expect(isCofferLeftover(`${INIT_DB_PREFIX}${hex}-journal`)).toBe(true);
  });

  it('does not take a user file with ".tmp-" in its name for one', () => {
    const names = ['thesis.tmp-final.docx', 'pay.tmp-1.xml', 'vault.keys.tmp-0123456789ab.bak', 'x.tmp-0123456789ab', 'vault.db', 'vault.keys'];
    for (const name of names) expect(isCofferLeftover(name), name).toBe(false);
    // An export's temp name in the vault folder is the user's file, not ours.
    expect(isCofferLeftover(basename(tempPathFor('/v/payments.xml')))).toBe(false);
  });
});

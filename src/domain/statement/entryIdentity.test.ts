import { describe, expect, it } from 'vitest';
import { parseStatementFile } from './parseStatementFile.js';
import { ENTRY_IDENTITY_VERSION, entryFingerprint } from './entryIdentity.js';
import { readFixtureBytes } from '../../../test/fixtures/domain/vectors.js';

// Stored identities are compared with new ones across Coffer versions: the same booking must hash to the
// same identity forever, whatever code computes it. The expected digest was computed outside Coffer:
//   printf '%s' '["coffer/entry/v1","2025-06-12","2025-06-12",-4550,"EUR",false,"2025061200007",null,null,null,null,null,null,null,null,"Kartenzahlung Bürobedarf Müller",null]#1' | sha256sum
const FIRST_DAY_END_ENTRY = 'f5ae9a26dc5c85a7764e1c04e12ca582fa4e3f903419495962281f654f3db554';

describe('entry identity', () => {
  it(`stays the known SHA-256 of the ${ENTRY_IDENTITY_VERSION} fingerprint and its occurrence`, async () => {
    const [statement] = (await parseStatementFile(readFixtureBytes('camt053-v08-dayend.xml'))).statements;
    const entry = statement?.entries[0];
    expect(entry && `${entryFingerprint(entry)}#${entry.occurrence}`).toBe(
      '["coffer/entry/v1","2025-06-12","2025-06-12",-4550,"EUR",false,"2025061200007",null,null,null,null,null,null,null,null,"Kartenzahlung Bürobedarf Müller",null]#1',
    );
    expect(entry?.identity).toBe(FIRST_DAY_END_ENTRY);
  });
});

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CAPABILITY_SCHEMA_FILE, capabilityJsonSchemaText } from './capabilityJsonSchema.js';
import { parseCapabilities, type CapabilityFile } from './parseCapabilities.js';
import { CofferError } from '../contract/index.js';

const capabilitiesDir = fileURLToPath(new URL('../../capabilities/', import.meta.url));
const SCHEMA_FILE = CAPABILITY_SCHEMA_FILE;

function realFiles(): CapabilityFile[] {
  return readdirSync(capabilitiesDir)
    .filter((name) => name.endsWith('.json') && name !== SCHEMA_FILE)
    .map((name) => ({ name, json: readFileSync(capabilitiesDir + name, 'utf8') }));
}

const valid = () => ({
  $schema: './schema.json',
  identifier: 'treasury',
  description: 'Test capability.',
  roles: ['maker'],
  permissions: ['payments:read', { identifier: 'payments:create', allow: [{ currencies: ['EUR'], maxAmountMinor: 100 }] }],
});

function refusal(files: CapabilityFile[]): CofferError {
  try {
    parseCapabilities(files);
  } catch (error) {
    if (error instanceof CofferError) return error;
    throw error;
  }
  throw new Error('expected parseCapabilities to refuse');
}

describe('when reading the committed capability files', () => {
  it('accepts every file, each naming ./schema.json and named after its identifier', () => {
    const files = realFiles();
    expect(files.length).toBeGreaterThan(0);
    const parsed = parseCapabilities(files);
    expect(parsed.map((capability) => `${capability.identifier}.json`).sort()).toEqual(files.map((file) => file.name).sort());
    for (const file of files) expect(JSON.parse(file.json as string).$schema).toBe('./schema.json');
  });

  it('has a committed schema.json identical to the one generated from the zod schema', () => {
    const generated = capabilityJsonSchemaText();
    // COFFER_WRITE_SCHEMA=1 regenerates the file after a deliberate schema change.
    if (process.env.COFFER_WRITE_SCHEMA === '1') writeFileSync(capabilitiesDir + SCHEMA_FILE, generated);
    expect(readFileSync(capabilitiesDir + SCHEMA_FILE, 'utf8')).toBe(generated);
  });
});

describe('when a capability file is bad', () => {
  const cases: { when: string; change: (file: ReturnType<typeof valid>) => unknown; field: string; found: string }[] = [
    { when: 'it names an unknown permission', change: (f) => ({ ...f, permissions: ['payments:delete'] }), field: 'permissions[0]', found: '"payments:delete"' },
    {
      when: 'a scoped entry names an unknown permission',
      change: (f) => ({ ...f, permissions: [{ identifier: 'payment:create', allow: [{}] }] }),
      field: 'permissions[0].identifier',
      found: '"payment:create"',
    },
    { when: 'it names an unknown role', change: (f) => ({ ...f, roles: ['treasurer'] }), field: 'roles[0]', found: '"treasurer"' },
    {
      when: 'a scope key is misspelled',
      change: (f) => ({ ...f, permissions: [{ identifier: 'payments:create', allow: [{}], deney: [{}] }] }),
      field: 'permissions[0]',
      found: 'deney',
    },
    {
      when: 'maxAmountMinor is a fraction',
      change: (f) => ({ ...f, permissions: [{ identifier: 'payments:create', allow: [{ currencies: ['EUR'], maxAmountMinor: 12.5 }] }] }),
      field: 'permissions[0].allow[0].maxAmountMinor',
      found: 'whole number of minor units, found 12.5',
    },
    {
      when: 'maxAmountMinor comes without a currency',
      change: (f) => ({ ...f, permissions: [{ identifier: 'payments:create', allow: [{ maxAmountMinor: 100 }] }] }),
      field: 'permissions[0].allow[0].currencies',
      found: 'exactly one currency',
    },
    {
      when: 'maxAmountMinor comes with two currencies',
      change: (f) => ({ ...f, permissions: [{ identifier: 'payments:create', allow: [{ currencies: ['EUR', 'JPY'], maxAmountMinor: 100 }] }] }),
      field: 'permissions[0].allow[0].currencies',
      found: 'exactly one currency',
    },
    {
      when: 'a deny scope names an IBAN with wrong check digits',
      change: (f) => ({ ...f, permissions: ['payments:create', { identifier: 'payments:edit', allow: [{}], deny: [{ accounts: ['DE88370400440532013000'] }] }] }),
      field: 'permissions[1].deny[0].accounts[0]',
      found: 'check digits',
    },
    {
      when: 'an IBAN is written with spaces',
      change: (f) => ({ ...f, permissions: [{ identifier: 'payments:edit', deny: [{ accounts: ['DE89 3704 0044 0532 0130 00'] }] }] }),
      field: 'permissions[0].deny[0].accounts[0]',
      found: 'electronic format',
    },
    {
      when: '"*" is mixed with IBANs',
      change: (f) => ({ ...f, permissions: [{ identifier: 'payments:edit', allow: [{ accounts: ['*', 'DE89370400440532013000'] }] }] }),
      field: 'permissions[0].allow[0].accounts',
      found: '"*" alone',
    },
    {
      when: 'a currency code does not exist',
      change: (f) => ({ ...f, permissions: [{ identifier: 'payments:edit', deny: [{ currencies: ['ERU'] }] }] }),
      field: 'permissions[0].deny[0].currencies[0]',
      found: 'ISO 4217',
    },
    { when: 'allow is empty', change: (f) => ({ ...f, permissions: [{ identifier: 'payments:edit', allow: [] }] }), field: 'permissions[0].allow', found: '>=1' },
    {
      when: 'a permission is listed twice',
      change: (f) => ({ ...f, permissions: ['payments:read', { identifier: 'payments:read', deny: [{}] }] }),
      field: 'permissions',
      found: '"payments:read" twice',
    },
    { when: '$schema is missing', change: ({ $schema: _s, ...rest }) => rest, field: '$schema', found: 'found nothing' },
    { when: 'it is not JSON', change: () => '{"identifier": "x",', field: 'expected JSON', found: 'syntax error' },
  ];

  for (const c of cases) {
    it(`refuses it when ${c.when} with POLICY_BAD_CAPABILITY, naming file and field on one line`, () => {
      const error = refusal([{ name: 'ok.json', json: valid() }, { name: 'capabilities/bad.json', json: c.change(valid()) }]);
      expect(error.code).toBe('POLICY_BAD_CAPABILITY');
      expect(error.message).toContain(`capabilities/bad.json: ${c.field}`);
      expect(error.message).toContain(c.found);
      expect(error.message).not.toContain('\n');
    });
  }

  it('refuses a second file with the same identifier with POLICY_BAD_CAPABILITY, naming both files', () => {
    const error = refusal([
      { name: 'a.json', json: valid() },
      { name: 'b.json', json: { ...valid(), roles: ['viewer'] } },
    ]);
    expect(error.code).toBe('POLICY_BAD_CAPABILITY');
    expect(error.message).toBe('b.json: identifier: expected a unique identifier, found "treasury" already used by a.json');
  });

  it('accepts the unchanged valid file, so each refusal above is caused by its change', () => {
    expect(parseCapabilities([{ name: 'ok.json', json: JSON.stringify(valid()) }])).toHaveLength(1);
  });
});

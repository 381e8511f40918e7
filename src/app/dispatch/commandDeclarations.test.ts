import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { tempDir } from '../../../test/support/tempDir.js';
import { PERMISSIONS, type Permission } from '../../policy/index.js';
import { COMMAND_LIST } from '../commands/registry.js';
import { COMMAND_SPEC_LIST, COMMAND_SPECS, commandSpec, type CommandName } from '../../api/index.js';
import { defaultCapabilitiesDir, loadCapabilities } from '../policy/loadCapabilities.js';
import { SHIPPED_CAPABILITY_FILES, shippedCapabilities } from '../policy/shippedCapabilities.js';

const commandsDir = fileURLToPath(new URL('../commands/', import.meta.url));
const capabilities = loadCapabilities();

describe('the command registry', () => {
  it('holds every command file of src/app/commands, once, each for a spec of the API', () => {
    const files = readdirSync(commandsDir).filter((name) => name.endsWith('Command.ts'));
    expect(COMMAND_LIST).toHaveLength(files.length);
    expect(COMMAND_LIST.map((c) => c.spec.name).sort()).toEqual(COMMAND_SPEC_LIST.map((spec) => spec.name).sort());
    for (const command of COMMAND_LIST) expect(command.spec).toBe(COMMAND_SPECS[command.spec.name as CommandName]);
  });

  for (const { spec } of COMMAND_LIST) {
    it(`${spec.name} names a permission that some capability file grants`, () => {
      expect(PERMISSIONS).toContain(spec.permission);
      const granting = capabilities.filter((capability) =>
        capability.permissions.some((entry) => (typeof entry === 'string' ? entry === spec.permission : entry.identifier === spec.permission && entry.allow !== undefined)),
      );
      expect(granting.map((c) => c.identifier)).not.toEqual([]);
    });
  }
});

describe('when a command is declared without a known permission', () => {
  const declare = (permission: unknown) => () =>
    commandSpec({ name: 'payments.sneak', permission: permission as Permission, summary: '', input: z.strictObject({}), output: z.null(), stepUp: 'never', changes: true });

  it('refuses a missing permission at load time', () => {
    expect(declare(undefined)).toThrow(/names no known permission/);
  });

  it('refuses a permission outside the closed list', () => {
    expect(declare('payments:approve-all')).toThrow(/names no known permission/);
  });
});

describe('the capabilities embedded in the build', () => {
  it('are exactly the files of capabilities/, as they are on disk', () => {
    const dir = defaultCapabilitiesDir();
    const files = readdirSync(dir).filter((name) => name.endsWith('.json') && name !== 'schema.json').sort();
    expect(SHIPPED_CAPABILITY_FILES.map((file) => file.name.replace(/^capabilities\//, '')).sort()).toEqual(files);
    expect(shippedCapabilities()).toEqual(loadCapabilities(dir));
  });
});

describe('when the capability files are loaded at start', () => {
  it('finds the shipped capabilities/ directory and reads every file but the schema', () => {
    const dir = defaultCapabilitiesDir();
    const files = readdirSync(dir).filter((name) => name.endsWith('.json') && name !== 'schema.json');
    expect(loadCapabilities(dir).map((c) => c.identifier).sort()).toEqual(files.map((name) => name.replace(/\.json$/, '')).sort());
  });

  it('stops with POLICY_BAD_CAPABILITY naming a bad file and its field', async () => {
    const dir = join(tempDir(), 'capabilities');
    mkdirSync(dir);
    writeFileSync(join(dir, 'schema.json'), '{}');
    writeFileSync(join(dir, 'maker.json'), JSON.stringify({ $schema: './schema.json', identifier: 'maker', description: 'x', roles: ['maker'], permissions: ['payments:approve-all'] }));
    await expect(() => loadCapabilities(dir)).toThrowCode('POLICY_BAD_CAPABILITY');
    expect(() => loadCapabilities(dir)).toThrow(/capabilities\/maker\.json: permissions/);
  });

  it('stops with POLICY_BAD_CAPABILITY when there is no capability at all (deny-by-default would refuse everything silently)', async () => {
    const dir = join(tempDir(), 'capabilities');
    mkdirSync(dir);
    writeFileSync(join(dir, 'schema.json'), '{}');
    await expect(() => loadCapabilities(dir)).toThrowCode('POLICY_BAD_CAPABILITY');
  });
});

import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { tempDir } from '../../../test/support/tempDir.js';
import { PERMISSIONS, type Permission } from '../../policy/index.js';
import { COMMANDS } from '../commands/registry.js';
import { defaultCapabilitiesDir, loadCapabilities } from '../policy/loadCapabilities.js';
import { defineCommand } from './defineCommand.js';

const commandsDir = fileURLToPath(new URL('../commands/', import.meta.url));
const capabilities = loadCapabilities();

describe('the command registry', () => {
  it('holds every command file of src/app/commands, once', () => {
    const files = readdirSync(commandsDir).filter((name) => name.endsWith('Command.ts'));
    expect(COMMANDS).toHaveLength(files.length);
    expect(new Set(COMMANDS.map((c) => c.name)).size).toBe(COMMANDS.length);
  });

  for (const command of COMMANDS) {
    it(`${command.name} names a permission that some capability file grants`, () => {
      expect(PERMISSIONS).toContain(command.permission);
      const granting = capabilities.filter((capability) =>
        capability.permissions.some((entry) => (typeof entry === 'string' ? entry === command.permission : entry.identifier === command.permission && entry.allow !== undefined)),
      );
      expect(granting.map((c) => c.identifier)).not.toEqual([]);
    });
  }
});

describe('when a command is declared without a known permission', () => {
  const declare = (permission: unknown) => () =>
    defineCommand({ name: 'payments.sneak', permission: permission as Permission, summary: '', input: z.strictObject({}), stepUp: false, changes: true, run: () => undefined });

  it('refuses a missing permission at load time', () => {
    expect(declare(undefined)).toThrow(/names no known permission/);
  });

  it('refuses a permission outside the closed list', () => {
    expect(declare('payments:approve-all')).toThrow(/names no known permission/);
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

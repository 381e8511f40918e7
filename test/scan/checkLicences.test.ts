import { describe, expect, it } from 'vitest';
import { checkLicences, type InstalledLicence } from '../../scripts/security/checkLicences.js';
import { ALLOWED_LICENCES, LICENCE_EXCEPTIONS } from '../../scripts/security/licencePolicy.js';

const allowed = new Set(['MIT', 'ISC']);
const exceptions = {
  'dev-tool': { licence: 'Artistic-2.0', devOnly: true, reason: 'a dev tool' },
  'odd-metadata': { licence: 'MIT*', devOnly: false, reason: 'non-SPDX text, MIT file' },
};
const installed = (name: string, licence: string, devOnly = false): InstalledLicence => ({ name, version: '1.0.0', licence, devOnly });

describe('checkLicences', () => {
  it('passes allowed licences and named exceptions, and counts the exceptions', () => {
    const check = checkLicences([installed('a', 'MIT'), installed('dev-tool', 'Artistic-2.0', true), installed('odd-metadata', 'MIT*')], allowed, exceptions);
    expect(check).toEqual({ packages: 3, byException: 2, problems: [], unusedExceptions: [] });
  });

  it('names a package whose licence is off the list', () => {
    expect(checkLicences([installed('copyleft', 'GPL-3.0-only')], allowed, {}).problems).toEqual([
      'copyleft@1.0.0: "GPL-3.0-only" is not on the allow-list (scripts/security/licencePolicy.ts)',
    ]);
  });

  it('fails an exception whose package changed licence, so it is reviewed again', () => {
    expect(checkLicences([installed('dev-tool', 'GPL-3.0-only', true)], allowed, exceptions).problems).toEqual([
      'dev-tool@1.0.0: its exception is for "Artistic-2.0", found "GPL-3.0-only"; review it again',
    ]);
  });

  it('fails a development-only exception once the package ships', () => {
    expect(checkLicences([installed('dev-tool', 'Artistic-2.0', false)], allowed, exceptions).problems).toHaveLength(1);
  });

  it('lists exceptions that match nothing installed', () => {
    expect(checkLicences([], allowed, exceptions).unusedExceptions).toEqual(['dev-tool', 'odd-metadata']);
  });

  it('keeps copyleft licences and the exceptions themselves off the project allow-list', () => {
    for (const licence of ['GPL-3.0-only', 'AGPL-3.0-only', 'LGPL-3.0-only', 'MPL-2.0', 'Artistic-2.0', 'WTFPL', 'CC-BY-3.0']) {
      expect(ALLOWED_LICENCES.has(licence), licence).toBe(false);
    }
    for (const exception of Object.values(LICENCE_EXCEPTIONS)) expect(exception.reason.length).toBeGreaterThan(10);
  });
});

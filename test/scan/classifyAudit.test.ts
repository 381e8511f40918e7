import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyAudit } from '../../scripts/security/classifyAudit.js';

// Real `npm audit --json` output of npm 11.19.1 on this project (test/fixtures/scan): the registry here
// refusing the advisory endpoint (405), an unknown registry host, a local stand-in advisory service
// reporting one high advisory against canonicalize, and `--offline`.
const captured = (name: string) => readFileSync(new URL(`../fixtures/scan/npm-audit-${name}.json`, import.meta.url), 'utf8');

describe('classifyAudit', () => {
  describe('when npm could not get an answer from the advisory service', () => {
    it.each(['405', 'enotfound'])('calls the %s output unreachable, with npm\'s reason', (name) => {
      const verdict = classifyAudit(captured(name));
      expect(verdict.kind).toBe('unreachable');
      expect(verdict).toHaveProperty('reason', expect.stringContaining('/-/npm/v1/security/advisories/bulk'));
    });

    it('calls an offline report of zero vulnerabilities over zero packages unreachable, not clean', () => {
      const offline = JSON.parse(captured('offline')) as { metadata: { dependencies: { total: number } } };
      offline.metadata.dependencies.total = 0;
      expect(classifyAudit(JSON.stringify(offline)).kind).toBe('unreachable');
    });
  });

  describe('when the service answered', () => {
    it('reports a high advisory as serious, with its title and link', () => {
      expect(classifyAudit(captured('high'))).toEqual({
        kind: 'checked',
        audited: 471,
        counts: { info: 0, low: 0, moderate: 0, high: 1, critical: 0 },
        serious: [{ name: 'canonicalize', severity: 'high', advisories: ['Test advisory (https://advisories.invalid/1)'] }],
      });
    });

    it('counts a moderate advisory without calling it serious', () => {
      const report = captured('high').replaceAll('"severity": "high"', '"severity": "moderate"').replace('"high": 1', '"high": 0').replace('"moderate": 0', '"moderate": 1');
      expect(classifyAudit(report)).toMatchObject({ kind: 'checked', counts: { moderate: 1, high: 0 }, serious: [] });
    });
  });

  describe('when the output is neither a report nor npm\'s error', () => {
    it.each([
      ['empty output', ''],
      ['text', 'npm ERR! something'],
      ['another JSON shape', '{"ok":true}'],
      ['a report version npm does not write yet', '{"auditReportVersion":3,"metadata":{"vulnerabilities":{}}}'],
      ['null', 'null'],
    ])('calls %s unreadable, which fails the scan', (_, stdout) => {
      expect(classifyAudit(stdout).kind).toBe('unreadable');
    });
  });
});

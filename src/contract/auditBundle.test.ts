import { describe, expect, it } from 'vitest';
import { AUDIT_BUNDLE_FORMAT, AuditBundle } from './auditBundle.js';

const bundle = {
  format: AUDIT_BUNDLE_FORMAT,
  origin: 'coffer.example/vault/1',
  verifierKey: 'coffer.example/device/1+0a1b2c3d+AQ==',
  entries: [
    { index: 0, data: 'eyJzZXEiOjB9' },
    { index: 1, data: '' },
  ],
  checkpoints: ['coffer.example/vault/1\n2\nAAAA\n\n\u2014 k AAAAAA==\n'],
  cosignatures: [],
};

describe('the coffer-audit-bundle/v1 schema', () => {
  it('accepts a bundle of the documented shape', () => {
    expect(AuditBundle.parse(bundle)).toEqual(bundle);
  });

  const bad: [string, unknown][] = [
    ['another format', { ...bundle, format: 'coffer-audit-bundle/v2' }],
    ['an unknown top-level field', { ...bundle, note: 'x' }],
    ['an empty origin', { ...bundle, origin: '' }],
    ['a missing verifier key', { ...bundle, verifierKey: undefined }],
    ['a negative index', { ...bundle, entries: [{ index: -1, data: '' }] }],
    ['a fractional index', { ...bundle, entries: [{ index: 0.5, data: '' }] }],
    ['data with characters outside base64', { ...bundle, entries: [{ index: 0, data: 'a b=' }] }],
    ['base64url data', { ...bundle, entries: [{ index: 0, data: 'ab-_' }] }],
    ['an entry with an extra field', { ...bundle, entries: [{ index: 0, data: '', hash: '' }] }],
    ['a checkpoint that is not text', { ...bundle, checkpoints: [{ size: 2 }] }],
    ['no cosignatures list', { ...bundle, cosignatures: undefined }],
  ];
  it.each(bad)('refuses %s', (_, value) => {
    expect(AuditBundle.safeParse(value).success).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { AuditEntry } from './auditEntry.js';

const entry = {
  seq: 12,
  time: '2024-05-01T12:00:00.000Z',
  actor: { userId: 'u-1', deviceId: 'd-1' },
  action: 'payments.approve',
  target: null,
  outcome: 'denied',
  reason: 'POLICY_DENIED',
  details: { nested: { list: [1, 'two', null, true] } },
};

describe('the audit entry schema', () => {
  it('accepts an entry of the documented shape', () => {
    expect(AuditEntry.parse(entry)).toEqual(entry);
  });

  const bad: [string, unknown][] = [
    ['a time with an offset instead of Z', { ...entry, time: '2024-05-01T14:00:00+02:00' }],
    ['a date without time', { ...entry, time: '2024-05-01' }],
    ['an unknown outcome', { ...entry, outcome: 'ok' }],
    ['a missing reason (null is required, not absent)', { ...entry, reason: undefined }],
    ['an empty action', { ...entry, action: '' }],
    ['an actor without a device', { ...entry, actor: { userId: 'u-1' } }],
    ['a fractional seq', { ...entry, seq: 1.5 }],
    ['an unsafe seq', { ...entry, seq: 2 ** 53 }],
    ['details that are a list', { ...entry, details: [] }],
    ['details holding undefined', { ...entry, details: { gone: undefined } }],
    ['an unknown field', { ...entry, signature: 'x' }],
  ];
  it.each(bad)('refuses %s', (_, value) => {
    expect(AuditEntry.safeParse(value).success).toBe(false);
  });
});

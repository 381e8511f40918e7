import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../contract/index.js';
import { encodeAuditEntry } from './encodeAuditEntry.js';
import { parseAuditEntry } from './parseAuditEntry.js';

const entry: AuditEntry = {
  seq: 0,
  time: '2024-05-01T12:00:00.000Z',
  actor: { userId: 'u-alice', deviceId: 'd-laptop' },
  action: 'payments.approve',
  target: 'pay-1',
  outcome: 'allowed',
  reason: null,
  details: { amountMinor: 123456, currency: 'EUR', payees: ['Müller GmbH'], flags: { batch: false } },
};
// Written by hand from RFC 8785 §3.2.3: keys sorted by UTF-16 code units, no whitespace, UTF-8 text.
const CANONICAL =
  '{"action":"payments.approve","actor":{"deviceId":"d-laptop","userId":"u-alice"},' +
  '"details":{"amountMinor":123456,"currency":"EUR","flags":{"batch":false},"payees":["Müller GmbH"]},' +
  '"outcome":"allowed","reason":null,"seq":0,"target":"pay-1","time":"2024-05-01T12:00:00.000Z"}';

describe('audit entry bytes', () => {
  it('are the RFC 8785 canonical JSON of the entry', () => {
    expect(encodeAuditEntry(entry).toString('utf8')).toBe(CANONICAL);
  });
  it('read back into the same entry', () => {
    expect(parseAuditEntry(encodeAuditEntry(entry))).toEqual(entry);
  });
  it('read back with integer-like keys, which JavaScript objects hold out of canonical order', () => {
    const numbered = { ...entry, details: { '10': 'ten', '9': 'nine', a: { '2': 0, '11': 1 } } };
    expect(encodeAuditEntry(numbered).toString('utf8')).toContain('"details":{"10":"ten","9":"nine","a":{"11":1,"2":0}}');
    expect(parseAuditEntry(encodeAuditEntry(numbered))).toEqual(numbered);
  });
});

describe('when an entry breaks the schema', () => {
  const bad: [string, unknown][] = [
    ['an unknown outcome', { ...entry, outcome: 'maybe' }],
    ['a local time without zone', { ...entry, time: '2024-05-01T12:00:00' }],
    ['a missing actor', { ...entry, actor: undefined }],
    ['an extra field', { ...entry, extra: 1 }],
    ['a negative seq', { ...entry, seq: -1 }],
    ['a Date in the details', { ...entry, details: { when: new Date(0) } }],
    ['a non-finite number in the details', { ...entry, details: { amount: Number.NaN } }],
  ];
  it.each(bad)('refuses to encode %s with AUDIT_BAD_ENTRY', async (_, value) => {
    await expect(() => encodeAuditEntry(value as AuditEntry)).toThrowCode('AUDIT_BAD_ENTRY');
  });
});

describe('when entry bytes are not the canonical encoding', () => {
  const bytes: [string, Buffer][] = [
    ['text that is not JSON', Buffer.from('not json')],
    ['JSON that is not an entry', Buffer.from('{"seq":0}')],
    ['whitespace between tokens', Buffer.from(CANONICAL.replace('"seq":0', '"seq": 0'))],
    ['keys out of order', Buffer.from(CANONICAL.replace('"reason":null,"seq":0', '"seq":0,"reason":null'))],
    ['a number written as 0.0', Buffer.from(CANONICAL.replace('"seq":0', '"seq":0.0'))],
    ['an escaped character that needs no escape', Buffer.from(CANONICAL.replace('pay-1', 'pay\\u002d1'))],
    ['invalid UTF-8 inside a string', Buffer.concat([Buffer.from(CANONICAL.slice(0, 12)), Buffer.of(0xff), Buffer.from(CANONICAL.slice(12))])],
  ];
  it.each(bytes)('refuses %s with AUDIT_BAD_ENTRY', async (_, value) => {
    await expect(() => parseAuditEntry(value)).toThrowCode('AUDIT_BAD_ENTRY');
  });

  it('refuses a duplicated key that would show a reader another actor than the one hashed', async () => {
    // JSON.parse keeps the last "actor", other readers keep the first: the bytes must not be ambiguous.
    const ambiguous = CANONICAL.replace('"actor":{', '"actor":{"deviceId":"d-laptop","userId":"u-mallory"},"actor":{');
    await expect(() => parseAuditEntry(Buffer.from(ambiguous))).toThrowCode('AUDIT_BAD_ENTRY');
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PAYMENT_REFUSALS, type ErrorCode } from '../../contract/index.js';
import { httpStatusFor } from './errorStatus.js';

// docs/gateway.md "Gateway protocol": the table the app's developers read must be the one the gateway answers by.
const documented = readFileSync(new URL('../../../docs/gateway.md', import.meta.url), 'utf8')
  .split('\n')
  .map((line) => /^\| `([A-Z_]+)` \| (\d{3}) \| ([a-z-]+) \| (.+) \|$/.exec(line))
  .filter((match) => match !== null)
  .map(([, code, status, remedy, text]) => ({ code, status: Number(status), remedy, text }));

describe('the refusals of POST /v1/payments', () => {
  it('are each a client or store status, never a bare 500 except the internal fault', () => {
    for (const code of Object.keys(PAYMENT_REFUSALS) as ErrorCode[]) {
      expect([code, httpStatusFor(code) >= 400]).toEqual([code, true]);
      if (code !== 'SERVER_INTERNAL') expect([code, httpStatusFor(code)]).not.toEqual([code, 500]);
    }
  });

  it('are documented in docs/gateway.md exactly as the contract and the status map give them', () => {
    const expected = Object.entries(PAYMENT_REFUSALS).map(([code, refusal]) => ({ code, status: httpStatusFor(code as ErrorCode), remedy: refusal.remedy, text: refusal.text }));
    expect(documented).toEqual(expected);
  });
});

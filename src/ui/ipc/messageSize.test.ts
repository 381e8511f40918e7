import { describe, expect, it } from 'vitest';
import { messageSize } from './messageSize';

describe('the size of a message as the shell measures it', () => {
  it('counts file bytes as bytes, not as their JSON object form', () => {
    const message = { id: 1, command: 'statements.import', input: { file: { name: 's.xml', bytes: new Uint8Array(500_000) } } };
    const empty = messageSize({ ...message, input: { file: { name: 's.xml', bytes: '' } } });
    expect(messageSize(message)).toBe(empty + 500_000);
  });

  it('counts text as UTF-8 bytes', () => {
    expect(messageSize({ a: 'é' })).toBe(10);
  });
});

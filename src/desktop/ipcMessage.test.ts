import { describe, expect, it } from 'vitest';
import { describeZodIssue } from '../contract/index.js';
import { IpcRequest, jsonBytes, SHELL_COMMANDS } from './ipcMessage.js';

describe('the IPC message', () => {
  it('accepts {id, command, input}', () => {
    expect(IpcRequest.safeParse({ id: 1, command: 'payments.list', input: { status: 'draft' } }).success).toBe(true);
  });

  it('accepts a step-up proof in the form of a WebAuthn assertion, and refuses another form naming the field', () => {
    const assertion = { id: 'a1', rawId: 'a1', type: 'public-key', response: { clientDataJSON: 'e30', authenticatorData: 'AA', signature: 'AA' }, clientExtensionResults: {} };
    expect(IpcRequest.safeParse({ id: 1, command: 'keys.remove', input: { id: 'a1' }, stepUpProof: assertion }).success).toBe(true);
    const parsed = IpcRequest.safeParse({ id: 1, command: 'keys.remove', input: { id: 'a1' }, stepUpProof: { ...assertion, type: 'password' } });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(describeZodIssue(parsed.error).text).toMatch(/^stepUpProof\.type: /);
  });

  it.each([
    ['a string', 'accounts.list', '(top level): Invalid input: expected object, received string'],
    ['no id', { command: 'accounts.list', input: {} }, 'id: Invalid input: expected number, received undefined'],
    ['an extra field', { id: 1, command: 'accounts.list', input: {}, more: 1 }, '(top level): unexpected field(s) more'],
    ['a name that is not noun.verb', { id: 1, command: '__proto__', input: {} }, 'command: Invalid string: must match pattern /^[a-z]+\\.[a-z][a-z-]*$/'],
  ])('refuses %s, naming the field', (_what, message, expected) => {
    const parsed = IpcRequest.safeParse(message);
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(describeZodIssue(parsed.error).text).toBe(expected);
  });

  describe('when session.unlock carries a wrong shape', () => {
    it('says what was expected and never repeats what was sent', () => {
      const parsed = SHELL_COMMANDS['session.unlock'].safeParse({ password: 'hunter2-secret', keep: 'hunter2-secret' });
      expect(parsed.success).toBe(false);
      if (!parsed.success) expect(describeZodIssue(parsed.error).text).not.toContain('hunter2');
    });
  });

  describe('when session.unlock-key carries an output that is not 32 bytes of base64url', () => {
    it.each([
      ['too short', { credentialId: 'AAAA', prfOutput: 'c2VjcmV0LXByZi1vdXRwdXQ' }, 'prfOutput: expected 32 bytes in base64url'],
      ['in base64 with padding', { credentialId: 'AAAA', prfOutput: 'c2VjcmV0LXByZi1vdXRwdXQtdGhhdC1pcy1sb25n+/8=' }, 'prfOutput: expected 32 bytes in base64url'],
      ['with a field more', { credentialId: 'AAAA', prfOutput: 'c2VjcmV0LXByZi1vdXRwdXQtdGhhdC1pcy1sb25nLXg', pin: 'x' }, '(top level): unexpected field(s) pin'],
      ['with an empty password', { credentialId: 'AAAA', prfOutput: 'c2VjcmV0LXByZi1vdXRwdXQtdGhhdC1pcy1sb25nLXg', password: '' }, 'password: Too small: expected string to have >=1 characters'],
    ])('refuses it (%s), naming the field and never the secret', (_what, input, expected) => {
      const parsed = SHELL_COMMANDS['session.unlock-key'].safeParse(input);
      expect(parsed.success).toBe(false);
      if (!parsed.success) expect(describeZodIssue(parsed.error).text).toBe(expected);
    });

    it('accepts a credential id and 43 base64url characters', () => {
      expect(SHELL_COMMANDS['session.unlock-key'].safeParse({ credentialId: 'AAAA', prfOutput: 'c2VjcmV0LXByZi1vdXRwdXQtdGhhdC1pcy1sb25nLXg' }).success).toBe(true);
    });
  });

  it('measures a message by its JSON bytes, and has no size for what JSON cannot carry', () => {
    expect(jsonBytes({ a: 'é' })).toBe(10);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(jsonBytes(cyclic)).toBeUndefined();
    expect(jsonBytes(10n)).toBeUndefined();
  });

  it('counts file bytes as their length, so a statement near 1 MiB is measured as that', () => {
    expect(jsonBytes({ bytes: new Uint8Array(1000) })).toBe(JSON.stringify({ bytes: '' }).length + 1000);
  });
});

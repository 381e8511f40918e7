import { expect, test } from './fixtures.js';

type Door = (message: unknown) => Promise<unknown>;

test.describe('when the renderer abuses the IPC door', () => {
  test('the window exposes exactly one binding of ours', async ({ app }) => {
    const names = await app.page.evaluate(() => Object.getOwnPropertyNames(window).filter((name) => /coffer/i.test(name)));
    expect(names).toEqual(['coffer']);
  });

  test('an unknown command never reaches the backend: refused and reported', async ({ app }) => {
    await app.unlock();
    const answer = await app.page.evaluate(() => (window.coffer as Door)({ id: 1, command: 'vault.exportkey', input: {} }));
    expect(answer).toEqual({ ok: false, error: { code: 'DESKTOP_UNKNOWN_COMMAND', message: 'expected a known command, found vault.exportkey' } });
    expect(app.blocked).toContainEqual({ kind: 'ipc', target: 'vault.exportkey', reason: 'DESKTOP_UNKNOWN_COMMAND' });
  });

  test('malformed messages are refused, naming the field, never echoing the value', async ({ app }) => {
    const answers = await app.page.evaluate(async () => {
      const door = window.coffer as Door;
      return [
        await door('accounts.list'),
        await door({ command: 'accounts.list', input: {} }),
        await door({ id: 1, command: 'accounts.list', input: {}, extra: true }),
        await door({ id: 1, command: 'Accounts List!', input: {} }),
        await door({ id: 1, command: 'session.unlock', input: { password: 42 } }),
        await door({ id: 1, command: 'session.unlock', input: { password: 'secret-typed-here', remember: true } }),
      ];
    });
    for (const answer of answers) expect(answer).toMatchObject({ ok: false, error: { code: 'DESKTOP_BAD_MESSAGE' } });
    expect(answers.map((a) => (a as { error: { message: string } }).error.message)).toEqual([
      '(top level): Invalid input: expected object, received string',
      'id: Invalid input: expected number, received undefined',
      '(top level): unexpected field(s) extra',
      expect.stringMatching(/^command: /),
      'password: Invalid input: expected string, received number',
      '(top level): unexpected field(s) remember',
    ]);
    expect(JSON.stringify(answers)).not.toContain('secret-typed-here');
    expect(app.blocked.filter((e) => e.reason === 'DESKTOP_BAD_MESSAGE')).toHaveLength(6);
  });

  test('a step-up proof that is not in the form of a WebAuthn assertion is refused at the door, naming the field', async ({ app }) => {
    await app.unlock();
    const answer = await app.page.evaluate(() =>
      (window.coffer as Door)({ id: 1, command: 'keys.remove', input: { id: 'a1' }, stepUpProof: { id: 'a1', rawId: 'a1', type: 'password', response: {}, clientExtensionResults: {} } }),
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'DESKTOP_BAD_MESSAGE', message: expect.stringMatching(/^stepUpProof\./) } });
    expect(app.blocked).toContainEqual({ kind: 'ipc', target: '(message)', reason: 'DESKTOP_BAD_MESSAGE' });
  });

  test('a message over 1 MiB is refused before it is parsed', async ({ app }) => {
    await app.unlock();
    const answer = await app.page.evaluate(() => (window.coffer as Door)({ id: 1, command: 'payments.list', input: { status: 'x'.repeat(1024 * 1024) } }));
    expect(answer).toMatchObject({ ok: false, error: { code: 'DESKTOP_MESSAGE_TOO_LARGE' } });
    expect(app.blocked).toContainEqual({ kind: 'ipc', target: '(message)', reason: 'DESKTOP_MESSAGE_TOO_LARGE' });
  });

  test('bad input of a real command is refused by the dispatcher with the field named', async ({ app }) => {
    await app.unlock();
    const answer = await app.page.evaluate(() => (window.coffer as Door)({ id: 1, command: 'payments.list', input: { status: 'stolen' } }));
    expect(answer).toMatchObject({ ok: false, error: { code: 'APP_BAD_INPUT', message: expect.stringMatching(/^status: /) } });
  });

  test('commands before unlock are refused with DESKTOP_LOCKED', async ({ app }) => {
    const answer = await app.page.evaluate(() => (window.coffer as Door)({ id: 1, command: 'accounts.list', input: {} }));
    expect(answer).toMatchObject({ ok: false, error: { code: 'DESKTOP_LOCKED' } });
  });

  test('answers carry no path of this machine and no key', async ({ app, vaultDir }) => {
    await app.unlock();
    const answers = await app.page.evaluate(async () => {
      const door = window.coffer as Door;
      return JSON.stringify([await door({ id: 1, command: 'session.state', input: {} }), await door({ id: 2, command: 'accounts.list', input: {} })]);
    });
    expect(answers).not.toContain(vaultDir);
    expect(answers).not.toMatch(/dataKey|"key"|[0-9a-f]{64}/i);
  });
});

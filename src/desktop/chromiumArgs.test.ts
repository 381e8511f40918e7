import { describe, expect, it } from 'vitest';
import { chromiumArgs, REMOVED_PLAYWRIGHT_DEFAULTS } from './chromiumArgs.js';
import { CONTENT_SECURITY_POLICY } from './responseHeaders.js';

describe('the browser command line', () => {
  const args = chromiumArgs({ splashColor: '#000', width: 1440, height: 900, lang: 'de-DE' });

  it('opens no debugging port and no other listener (Playwright talks over --remote-debugging-pipe)', () => {
    expect(args.filter((arg) => /remote-debugging|listen|port=/.test(arg))).toEqual([]);
  });

  it('keeps the browser off the network and out of sync, updates and QUIC', () => {
    expect(args).toEqual(expect.arrayContaining(['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--proxy-server=http://127.0.0.1:9']));
  });

  it('opens in app mode on a page that loads nothing', () => {
    expect(args[0]).toMatch(/^--app=data:text\/html,/);
  });

  it('takes out the automation defaults that weaken a window a person uses', () => {
    expect(REMOVED_PLAYWRIGHT_DEFAULTS).toEqual(expect.arrayContaining(['--disable-popup-blocking', '--disable-ipc-flooding-protection']));
  });
});

describe('the content security policy', () => {
  it('allows no inline script, no eval, no network, no frames, forms, plugins or base URL, and needs Trusted Types', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('style-src')).toBe("'self'");
    expect(directives.get('connect-src')).toBe("'none'");
    for (const name of ['object-src', 'frame-ancestors', 'base-uri', 'form-action', 'trusted-types']) expect(directives.get(name)).toBe("'none'");
    expect(directives.get('require-trusted-types-for')).toBe("'script'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|data:|\*/);
  });
});

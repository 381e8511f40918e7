import { isIP } from 'node:net';
import { CofferError } from '../../contract/index.js';

/** Whether `host` (as URL parsing gives it) names this machine's loopback interface only. */
function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host === '[::1]') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

/**
 * The gateway's origin from what the user typed. https everywhere; plain http only to loopback (a gateway
 * on this machine, as in tests and `coffer server` without TLS): elsewhere the activation code, the policy and
 * the statements would cross the network in clear text, and a network attacker could answer in the bank's name
 * before any key is pinned.
 */
export function parseGatewayUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CofferError('APP_INSECURE_GATEWAY', 'expected the gateway as a URL like https://bank.example, found something else');
  }
  // Ensure nothing but an origin: a path, query, fragment or credentials would be silently dropped or sent along.
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '' || (url.pathname !== '/' && url.pathname !== '')) {
    throw new CofferError('APP_INSECURE_GATEWAY', `expected the gateway's origin only (https://host[:port]), found ${url.protocol}//${url.host} with more`);
  }
  if (url.protocol === 'https:') return new URL(url.origin);
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return new URL(url.origin);
  throw new CofferError('APP_INSECURE_GATEWAY', `expected https (plain http only to this machine), found ${url.protocol}//${url.host}`);
}

import { isIP } from 'node:net';
import { CofferError } from '../../contract/index.js';

/** Whether `host` names this machine's loopback interface only (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host === '::1' || host === '[::1]') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

/**
 * Ensures plain HTTP is only offered on loopback: anywhere else request signatures would still hold, but
 * activation codes, policies and statements would cross the network in clear text.
 */
export function ensureListenable(host: string, tls: boolean): void {
  if (!tls && !isLoopbackHost(host)) {
    throw new CofferError('SERVER_PLAIN_HTTP_REFUSED', `expected --tls-cert and --tls-key to listen on ${host}, found neither: plain HTTP is served on loopback only`);
  }
}

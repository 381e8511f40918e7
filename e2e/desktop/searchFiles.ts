import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every file under `dir` that holds one of `needles`, as UTF-8 or UTF-16 (Chromium's stores use both).
 * Sockets, pipes and links are skipped; files that vanish while we look are too.
 */
export function filesHolding(dir: string, needles: readonly string[]): string[] {
  const patterns = needles.flatMap((needle) => [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le')]);
  const found: string[] = [];
  const walk = (path: string): void => {
    let stat;
    try {
      stat = lstatSync(path);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      let names: string[] = [];
      try {
        names = readdirSync(path);
      } catch {
        return;
      }
      names.forEach((name) => walk(join(path, name)));
    } else if (stat.isFile()) {
      try {
        const bytes = readFileSync(path);
        if (patterns.some((pattern) => bytes.includes(pattern))) found.push(path);
      } catch {
        // Gone or unreadable while we looked.
      }
    }
  };
  if (existsSync(dir)) walk(dir);
  return found;
}

// The bench's walk of /proc serves the tests too.
export { processTree } from '../../src/desktop/bench/processMemory.js';

/**
 * TCP and UDP sockets in LISTEN state (or bound UDP) held by any of `pids`: what `ss -ltnup` shows for
 * them, read from /proc so the test needs no iproute2.
 */
export function listeningSockets(pids: readonly number[]): string[] {
  const inodes = new Set<string>();
  for (const pid of pids) {
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        const target = (() => {
          try {
            return readlinkSync(`/proc/${pid}/fd/${fd}`);
          } catch {
            return '';
          }
        })();
        const match = /^socket:\[(\d+)\]$/.exec(target);
        if (match?.[1]) inodes.add(match[1]);
      }
    } catch {
      // Exited while we looked.
    }
  }
  const listening: string[] = [];
  for (const table of ['tcp', 'tcp6', 'udp', 'udp6']) {
    const lines = readFileSync(`/proc/net/${table}`, 'utf8').trim().split('\n').slice(1);
    for (const line of lines) {
      const cols = line.trim().split(/\s+/);
      const [local, state, inode] = [cols[1], cols[3], cols[9]];
      // TCP 0A = LISTEN; a UDP socket bound to a port is listening by nature (07 = unconnected).
      const isListening = table.startsWith('tcp') ? state === '0A' : state === '07';
      if (isListening && inode !== undefined && inodes.has(inode)) listening.push(`${table} ${local}`);
    }
  }
  return listening;
}

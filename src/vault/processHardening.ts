import { readFileSync } from 'node:fs';

const LIMITS_FILE = '/proc/self/limits';
const CORE_LIMIT = 'Max core file size';

/**
 * Whether this process may not write a core dump: true when the soft RLIMIT_CORE is 0 (Linux, read from
 * /proc/self/limits), false when a dump could be written, undefined where that cannot be told (another OS).
 * A core dump of an unlocked Coffer holds the raw data key; bin/coffer sets `ulimit -c 0` before Node
 * starts, because Node itself cannot lower its own limit. Where core_pattern pipes dumps to a handler
 * (systemd-coredump, apport) the kernel leaves the limit to that handler, and both honour a limit of 0.
 */
export function coreDumpsDisabled(limitsFile = LIMITS_FILE): boolean | undefined {
  let text: string;
  try {
    text = readFileSync(limitsFile, 'utf8');
  } catch {
    return undefined;
  }
  const line = text.split('\n').find((candidate) => candidate.startsWith(CORE_LIMIT));
  const soft = line?.slice(CORE_LIMIT.length).trim().split(/\s+/)[0];
  return soft === undefined ? undefined : soft === '0';
}

/**
 * Lets the crash-safety tests stop this process dead between two steps of a multi-step write. Only a test
 * sets the variable; a process that is killed at any instant must leave a usable vault anyway, so the
 * hook reveals nothing and grants nothing.
 */
export function dangerousTestOnlyCrashPoint(name: string): void {
  if (process.env.COFFER_TEST_CRASH_AT === name) process.kill(process.pid, 'SIGKILL');
}

/**
 * Resolves after the event loop has run once (timers, I/O, other messages): a long job that works on the
 * calling thread in chunks awaits it between chunks, so the process stays responsive.
 */
export function letEventLoopRun(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

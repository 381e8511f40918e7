import type { IntervalHistogram } from 'node:perf_hooks';

/**
 * The monitor records a stall only when its next timer fires: letting it fire once after the measured
 * work's last synchronous stretch keeps the longest stall of all from going unrecorded.
 */
export async function stopLoopMonitor(loop: IntervalHistogram): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 30));
  loop.disable();
}

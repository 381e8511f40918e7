import cliProgress from 'cli-progress';

/**
 * A progress bar on a terminal, nothing otherwise (scripts and CI read clean output). A command with phases
 * (an import reads, then books) starts again from 0 with the next phase's total.
 */
export function progressReporter(label: string): { onProgress?: (done: number, total: number) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { stop: () => undefined };
  const bar = new cliProgress.SingleBar({ format: `${label} [{bar}] {value}/{total}`, stream: process.stderr }, cliProgress.Presets.shades_classic);
  let started = false;
  let shownTotal = 0;
  return {
    onProgress(done, total) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      } else if (total !== shownTotal) {
        bar.setTotal(total);
      }
      shownTotal = total;
      bar.update(done);
    },
    stop: () => started && bar.stop(),
  };
}

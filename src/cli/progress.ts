import cliProgress from 'cli-progress';

/** A progress bar on a terminal, nothing otherwise (scripts and CI read clean output). */
export function progressReporter(label: string): { onProgress?: (done: number, total: number) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { stop: () => undefined };
  const bar = new cliProgress.SingleBar({ format: `${label} [{bar}] {value}/{total}`, stream: process.stderr }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    onProgress(done, total) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    },
    stop: () => started && bar.stop(),
  };
}

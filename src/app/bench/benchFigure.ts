/** One line of `coffer bench` output. Ratios compare against a baseline measured in the same run. */
export interface BenchFigure {
  figure: string;
  unit: string;
  value: number;
  baseline?: { name: string; value: number };
  ratio?: number;
  goal?: string;
  met?: boolean;
  details?: Record<string, string | number | boolean>;
  /** The machine's 1-minute load average when the figure was reported: on a shared 2-core machine, read no figure without it. */
  loadAverage1m?: number;
}

export type FigureSink = (figure: BenchFigure) => void;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function timeMs(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

export async function timeMsAsync(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

export const round = (value: number, digits = 3) => Number(value.toFixed(digits));

/** A figure whose goal is "ratio at most `limit`" against the baseline. */
export function ratioFigure(
  figure: string,
  value: number,
  baseline: { name: string; value: number },
  limit: number | undefined,
  details?: BenchFigure['details'],
): BenchFigure {
  const ratio = round(value / baseline.value);
  return {
    figure,
    unit: 'ms',
    value: round(value, 1),
    baseline: { name: baseline.name, value: round(baseline.value, 1) },
    ratio,
    ...(limit === undefined ? {} : { goal: `ratio <= ${limit}`, met: ratio <= limit }),
    ...(details ? { details } : {}),
  };
}

import type { BenchFigure } from '../../contract/index.js';

export type { BenchFigure };

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

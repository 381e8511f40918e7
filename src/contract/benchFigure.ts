/**
 * One line of `coffer bench` output, from the app's benchmarks and the gateway's alike. Ratios compare
 * against a baseline measured in the same run.
 */
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

export interface BenchOptions {
  /** Fewer rows and no tuning variants: a smoke run in seconds. */
  quick?: boolean;
  /** Where scratch databases go; a temp dir by default. */
  scratchDir?: string;
  /** Only these groups (all by default): to repeat one figure on a quiet moment without the whole run. */
  only?: readonly BenchGroup[];
}

export const BENCH_GROUPS = ['sqlite', 'unlock', 'audit', 'import'] as const;
export type BenchGroup = (typeof BENCH_GROUPS)[number];

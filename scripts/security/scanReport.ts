/**
 * passed: checked, nothing found. failed: a finding, or the tool broke. not-checked: the check could
 * not be made (no network), which warns loudly but does not fail the run by itself.
 */
export type ScanOutcome = 'passed' | 'failed' | 'not-checked';

/** One scan's verdict: a one-line summary and the lines that explain a finding or a gap. */
export interface ScanReport {
  scan: string;
  outcome: ScanOutcome;
  summary: string;
  details: string[];
}

/** The repository root and the environment the tools run in. */
export interface ScanContext {
  root: string;
  env: NodeJS.ProcessEnv;
}

const SEVERITIES = ['info', 'low', 'moderate', 'high', 'critical'] as const;
type Severity = (typeof SEVERITIES)[number];
const SERIOUS: readonly Severity[] = ['high', 'critical'];

/** A vulnerable package at high or critical severity, with the advisories that make it so. */
export interface SeriousFinding {
  name: string;
  severity: Severity;
  advisories: string[];
}

/**
 * What `npm audit --json` said. `checked`: the advisory service answered about `audited` packages.
 * `unreachable`: npm could not get an answer (network, DNS, an endpoint the registry does not serve).
 * `unreadable`: anything else, which must fail the run rather than pass for a clean report.
 */
export type AuditVerdict =
  | { kind: 'checked'; audited: number; counts: Record<Severity, number>; serious: SeriousFinding[] }
  | { kind: 'unreachable'; reason: string }
  | { kind: 'unreadable'; reason: string };

interface AuditJson {
  auditReportVersion?: unknown;
  message?: unknown;
  error?: unknown;
  metadata?: { vulnerabilities?: Partial<Record<Severity, number>>; dependencies?: { total?: number } };
  vulnerabilities?: Record<string, { severity?: string; via?: unknown[] }>;
}

function advisoryTitles(via: unknown[] | undefined): string[] {
  // `via` holds advisories (objects) and, for a package vulnerable through a dependency, that dependency's name.
  return (via ?? []).map((item) => (typeof item === 'string' ? `through ${item}` : `${String((item as { title?: unknown }).title)} (${String((item as { url?: unknown }).url)})`));
}

/** Classifies npm audit's JSON output (npm 7 to 11, audit report version 2). */
export function classifyAudit(stdout: string): AuditVerdict {
  let json: AuditJson;
  try {
    json = JSON.parse(stdout) as AuditJson;
  } catch {
    return { kind: 'unreadable', reason: `expected JSON from npm audit, found ${JSON.stringify(stdout.slice(0, 200))}` };
  }
  if (typeof json !== 'object' || json === null) return { kind: 'unreadable', reason: `expected a JSON object, found ${stdout.slice(0, 200)}` };
  if (json.auditReportVersion === undefined) {
    // npm's shape when the advisory request failed: { message, error: { summary, detail } }.
    if (typeof json.message === 'string' && typeof json.error === 'object') return { kind: 'unreachable', reason: json.message };
    return { kind: 'unreadable', reason: `expected an audit report or an error, found ${stdout.slice(0, 200)}` };
  }
  if (json.auditReportVersion !== 2 || typeof json.metadata?.vulnerabilities !== 'object') {
    return { kind: 'unreadable', reason: `expected audit report version 2, found ${String(json.auditReportVersion)}` };
  }
  const audited = json.metadata.dependencies?.total ?? 0;
  // npm --offline, or audit=false somewhere in its config, reports "0 vulnerabilities" having asked nobody.
  if (audited === 0) return { kind: 'unreachable', reason: 'npm audit asked about no package (offline mode?)' };
  const counts = Object.fromEntries(SEVERITIES.map((severity) => [severity, json.metadata?.vulnerabilities?.[severity] ?? 0])) as Record<Severity, number>;
  const serious = Object.entries(json.vulnerabilities ?? {})
    .filter(([, vulnerability]) => SERIOUS.includes(vulnerability.severity as Severity))
    .map(([name, vulnerability]) => ({ name, severity: vulnerability.severity as Severity, advisories: advisoryTitles(vulnerability.via) }));
  return { kind: 'checked', audited, counts, serious };
}

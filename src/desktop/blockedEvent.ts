/** Something the renderer tried and the shell refused; the backend audits it (the lead wires the log). */
export interface BlockedEvent {
  kind: 'request' | 'navigation' | 'popup' | 'download' | 'dialog' | 'csp' | 'ipc';
  /** What was refused: a URL's origin and path (query and fragment dropped), a command name, a CSP directive. */
  target: string;
  /** A stable code: DESKTOP_OFF_ORIGIN, DESKTOP_UNKNOWN_COMMAND, … */
  reason: string;
}

export type BlockedListener = (event: BlockedEvent) => void;

const MAX_TARGET = 200;

/**
 * A URL as it may be recorded: scheme, host and path only. The query and fragment are where an
 * exfiltration attempt would carry the data, so they are never kept.
 */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const shown = parsed.protocol === 'http:' || parsed.protocol === 'https:' ? `${parsed.origin}${parsed.pathname}` : `${parsed.protocol}…`;
    return shown.slice(0, MAX_TARGET);
  } catch {
    return '(unparsable URL)';
  }
}

import type { StatementKind } from '../statement/parsedStatement.js';
import { CofferError } from '../../contract/index.js';

/** What the Document's namespace says it is. */
export interface CamtMessageType {
  /** "camt.053.001.08" */
  id: string;
  /** The namespace URI as the file wrote it (ISO URN or Swiss URL). */
  namespace: string;
  message: '052' | '053' | '054';
  version: number;
  kind: StatementKind;
  /** The child of Document: BkToCstmrAcctRpt, BkToCstmrStmt or BkToCstmrDbtCdtNtfctn. */
  rootElement: string;
  /** The repeated report element under it: Rpt, Stmt or Ntfctn. */
  statementElement: string;
}

/** Versions read: 02 (2009, Swiss SPS 2009, most German banks) to 13 (2024). */
export const CAMT_VERSIONS = { first: 2, last: 13 } as const;

const SHAPES = {
  '052': { kind: 'report', rootElement: 'BkToCstmrAcctRpt', statementElement: 'Rpt' },
  '053': { kind: 'statement', rootElement: 'BkToCstmrStmt', statementElement: 'Stmt' },
  '054': { kind: 'notification', rootElement: 'BkToCstmrDbtCdtNtfctn', statementElement: 'Ntfctn' },
} as const;

// ISO 20022 namespace (urn:iso:std:iso:20022:tech:xsd:camt.053.001.08), or the URL form of the Swiss
// schemas of SIX Interbank Clearing (http://www.six-interbank-clearing.com/de/camt.053.001.04.ch.02.xsd).
const ISO_URN = /^urn:iso:std:iso:20022:tech:xsd:(camt\.05[234]\.001\.[0-9]{2})$/;
const SIX_URL = /^https?:\/\/www\.six-interbank-clearing\.com\/(?:de|en|fr|it)\/(camt\.05[234]\.001\.[0-9]{2})(\.ch\.[0-9]{2}|)(\.xsd|)$/;
const ANY_MESSAGE = /([a-z]{4}\.[0-9]{3}\.[0-9]{3}\.[0-9]{2})/;

/** What to name a namespace in an error: its message id if it has one, else a short printable form. */
function describe(namespace: string): string {
  const id = ANY_MESSAGE.exec(namespace)?.[1];
  if (id) return id;
  if (namespace === '') return 'no namespace';
  return `namespace "${namespace.replace(/[^\x20-\x7e]/g, '?').slice(0, 80)}"`;
}

/**
 * Reads the namespace of a camt Document: camt.052, .053 or .054, versions 02 to 13. Refuses any other
 * with DOMAIN_BAD_STATEMENT naming what was found, e.g. "expected camt.052/053/054 version 02 to 13,
 * found camt.053.001.14".
 */
export function readCamtMessageType(namespace: string): CamtMessageType {
  const id = ISO_URN.exec(namespace)?.[1] ?? SIX_URL.exec(namespace)?.[1];
  const version = id ? Number(id.slice(-2)) : NaN;
  if (!id || version < CAMT_VERSIONS.first || version > CAMT_VERSIONS.last) {
    throw new CofferError('DOMAIN_BAD_STATEMENT', `expected camt.052/053/054 version 02 to 13, found ${describe(namespace)}`);
  }
  const message = id.slice(5, 8) as '052' | '053' | '054';
  return { id, namespace, message, version, ...SHAPES[message] };
}

/** The head.001 Business Application Header namespace (head.001.001.01 to .04). */
export function isAppHeaderNamespace(namespace: string): boolean {
  return /^urn:iso:std:iso:20022:tech:xsd:head\.001\.001\.0[1-9]$/.test(namespace);
}

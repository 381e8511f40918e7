import type { EntryDraft } from '../statement/bookingEntry.js';
import type { StatementDraft } from '../statement/finishStatement.js';
import type { StatementAccount } from '../statement/parsedStatement.js';
import { isAppHeaderNamespace, readCamtMessageType, type CamtMessageType } from './camtMessageType.js';
import { readCamtEntry } from './readCamtEntry.js';
import type { CamtContext } from './readCamtParty.js';
import { readCamtAccount, readCamtStatement } from './readCamtStatement.js';
import { readXmlTree, textAt, type XmlNode } from './readXmlTree.js';
import { CofferError } from '../../contract/index.js';

/** Largest XML text read, in characters: 100,000 entries with full details are about 120 MB. */
export const MAX_CAMT_LENGTH = 256 * 1024 * 1024;
// Parts of an entry Coffer does not read: read past, never built (a third of a rich camt.053's elements).
const UNREAD = new Set(['PstlAdr', 'CtctDtls', 'RltdDts', 'RltdPric', 'RltdQties', 'FinInstrmId', 'Tax', 'SplmtryData', 'CardTx', 'RltdRmtInf', 'Intrst', 'CorpActn', 'SfkpgAcct', 'CshDpst', 'TechInptChanl']);
/** How deep a Document may sit inside an envelope (BizMsgEnvlp, SWIFT DataPDU/Body …). */
const MAX_DOCUMENT_DEPTH = 4;

function bad(message: string): CofferError {
  return new CofferError('DOMAIN_BAD_STATEMENT', message);
}

interface StatementState {
  ctx: CamtContext;
  account: StatementAccount | null;
  entries: EntryDraft[];
  index: number;
}

interface ReaderState {
  type: CamtMessageType | null;
  /** Depth of the open Document element; 0 outside it. */
  documentDepth: number;
  rootName: string | null;
  header: XmlNode | null;
  messageId: string | null;
  statementCount: number;
  statement: StatementState | null;
  drafts: StatementDraft[];
}

function enterDocumentChild(state: ReaderState, type: CamtMessageType, name: string, ns: string, level: number, inside: XmlNode | null): void {
  if (ns !== type.namespace) throw bad(`expected only elements of ${type.id} inside Document, found ${name} in another namespace`);
  if (level === 1 && name !== type.rootElement) throw bad(`expected ${type.rootElement} in a ${type.id} Document, found ${name}`);
  if (level === 2 && name === type.statementElement) {
    state.statement = { ctx: { warnings: [], ownIban: null }, account: null, entries: [], index: state.statementCount++ };
  }
  const statement = state.statement;
  if (level === 3 && name === 'Ntry' && statement && inside) {
    // Acct precedes Ntry (schema order): read it once, so parties can be told from the own account.
    inside.label ??= `${type.statementElement}[${statement.index}]`;
    statement.account ??= readCamtAccount(inside, statement.ctx);
    statement.ctx.ownIban = statement.account.iban;
  }
}

function leaveDocumentChild(state: ReaderState, type: CamtMessageType, node: XmlNode, level: number): boolean {
  const statement = state.statement;
  if (level === 2 && node.name === 'GrpHdr') state.messageId = textAt(node, 'MsgId');
  if (level === 3 && node.name === 'Ntry' && statement && node.parent?.name === type.statementElement) {
    node.label = `${type.statementElement}[${statement.index}]/Ntry[${statement.entries.length}]`;
    statement.entries.push(readCamtEntry(node, statement.entries.length + 1, textAt(node.parent, 'Id'), statement.ctx));
    return false;
  }
  if (level === 2 && node.name === type.statementElement && statement) {
    node.label = `${type.statementElement}[${statement.index}]`;
    const account = statement.account ?? readCamtAccount(node, statement.ctx);
    state.drafts.push(readCamtStatement(node, statement.entries, type, state.messageId, account, statement.ctx));
    state.statement = null;
    return false;
  }
  return true;
}

/**
 * Reads an ISO 20022 camt.052 (intraday report), camt.053 (statement) or camt.054 (notification),
 * versions 02 to 13, as the root Document or inside an envelope with a head.001 AppHdr. Streams: each
 * Ntry becomes an EntryDraft as soon as it is read, so memory holds entries, not a document tree.
 * Returns one draft per Stmt/Rpt/Ntfctn. Refuses with DOMAIN_UNSAFE_XML a DTD or entity; with
 * DOMAIN_BAD_STATEMENT malformed XML, another message or version (naming it), a foreign namespace
 * inside the Document, a missing required element (naming its path).
 */
export function parseCamt(text: string): StatementDraft[] {
  if (text.length > MAX_CAMT_LENGTH) throw bad(`expected an XML statement of at most ${MAX_CAMT_LENGTH} characters, found ${text.length}`);
  const state: ReaderState = { type: null, documentDepth: 0, rootName: null, header: null, messageId: null, statementCount: 0, statement: null, drafts: [] };
  readXmlTree(text, {
    enter(name, ns, depth, inside) {
      state.rootName ??= name;
      if (state.type && state.documentDepth > 0) {
        const level = depth - state.documentDepth;
        enterDocumentChild(state, state.type, name, ns, level, inside);
        return level > 3 && UNREAD.has(name) ? 'skip' : true;
      }
      if (inside !== null) return true;
      if (name === 'Document') {
        if (state.type) throw bad('expected one Document in the file, found a second');
        if (depth > MAX_DOCUMENT_DEPTH) throw bad(`expected the Document at most ${MAX_DOCUMENT_DEPTH - 1} elements deep in its envelope, found it deeper`);
        state.type = readCamtMessageType(ns);
        state.documentDepth = depth;
        return true;
      }
      return name === 'AppHdr' && isAppHeaderNamespace(ns) && state.header === null;
    },
    leave(node, depth) {
      if (state.type && state.documentDepth > 0) {
        if (depth === state.documentDepth) {
          state.documentDepth = 0;
          return false;
        }
        return leaveDocumentChild(state, state.type, node, depth - state.documentDepth);
      }
      if (node.name === 'AppHdr' && node.parent === null) state.header = node;
      return node.parent !== null;
    },
  });
  const type = state.type;
  if (!type) throw bad(`expected a camt Document, as the root or inside an envelope with an AppHdr, found root element ${state.rootName ?? 'none'}`);
  if (state.drafts.length === 0) throw bad(`expected at least one ${type.statementElement} in ${type.rootElement}, found none`);
  const defined = state.header ? textAt(state.header, 'MsgDefIdr') : null;
  if (defined !== null && !defined.startsWith(type.id)) {
    for (const draft of state.drafts) {
      draft.warnings.push({ code: 'HEADER_MISMATCH', where: 'AppHdr/MsgDefIdr', message: `the AppHdr names ${defined.slice(0, 40)}, the Document is ${type.id}; the Document was read` });
    }
  }
  return state.drafts;
}

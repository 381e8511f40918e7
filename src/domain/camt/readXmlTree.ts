import { scanXml } from './scanXml.js';
import { CofferError } from '../../contract/index.js';

/** An element built by readXmlTree: local name, namespace URI, attributes, children. */
export interface XmlNode {
  readonly name: string;
  readonly ns: string;
  /** Flat, as written: qualified name, value, name, value …; null without attributes. */
  readonly attributes: readonly string[] | null;
  /** Shared and empty until the first child is attached: most elements are leaves. */
  children: XmlNode[];
  /** Text content (for elements without children). */
  text: string;
  readonly parent: XmlNode | null;
  /** Set on a subtree's top node: its path in the file, which ends the upward walk of pathOf. */
  label: string | null;
}

/** Decides which elements are built and which finished nodes stay attached to their parent. */
export interface XmlTreeHandler {
  /**
   * Every element outside skipped subtrees, in document order: true builds it (children of a built node
   * are built unless skipped), 'skip' reads past it and everything in it without building anything.
   */
  enter(name: string, ns: string, depth: number, inside: XmlNode | null): boolean | 'skip';
  /** A built node is complete; return false to detach it (its content already used), true to keep it. */
  leave(node: XmlNode, depth: number): boolean;
}

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

/** "Stmt[0]/Ntry[3]/NtryDtls[0]/TxDtls[1]": the node's place in the file, for messages. */
export function pathOf(node: XmlNode): string {
  const parts: string[] = [];
  let current: XmlNode | null = node;
  while (current) {
    if (current.label !== null) {
      parts.push(current.label);
      break;
    }
    const parent: XmlNode | null = current.parent;
    if (!parent) {
      parts.push(current.name);
      break;
    }
    const name = current.name;
    const index = parent.children.filter((child) => child.name === name).indexOf(current);
    parts.push(index > 0 || parent.children.filter((child) => child.name === name).length > 1 ? `${name}[${Math.max(index, 0)}]` : name);
    current = parent;
  }
  return parts.reverse().join('/');
}

const NO_CHILDREN: XmlNode[] = [];
// Stands on the stack for an element whose subtree is read past, not built.
const SKIPPED: XmlNode = { name: '', ns: '', attributes: null, children: NO_CHILDREN, text: '', parent: null, label: null };

/** Namespace declarations in force, with the names already resolved under them (names repeat a lot). */
interface Scope {
  uris: Map<string, string>;
  resolved: Map<string, { name: string; ns: string }>;
}

function resolve(qualified: string, scope: Scope): { name: string; ns: string } {
  const known = scope.resolved.get(qualified);
  if (known) return known;
  const colon = qualified.indexOf(':');
  const prefix = colon === -1 ? '' : qualified.slice(0, colon);
  const uri = prefix === 'xml' ? XML_NAMESPACE : scope.uris.get(prefix);
  if (uri === undefined) throw new CofferError('DOMAIN_BAD_STATEMENT', `expected namespace prefix "${prefix.slice(0, 20)}" to be declared, found it undeclared`);
  const result = { name: colon === -1 ? qualified : qualified.slice(colon + 1), ns: uri };
  scope.resolved.set(qualified, result);
  return result;
}

/**
 * Reads XML with scanXml, resolving namespaces, and builds only the elements `handler` asks for;
 * `handler.leave` may consume a finished node and drop it, so a file of 100,000 entries never exists
 * as one tree. Refusals are scanXml's (DOMAIN_UNSAFE_XML, DOMAIN_BAD_STATEMENT).
 */
export function readXmlTree(text: string, handler: XmlTreeHandler): void {
  // Two parallel stacks instead of a frame object per element: 3 million elements make garbage count.
  const nodes: (XmlNode | null)[] = [null];
  const scopes: Scope[] = [{ uris: new Map([['', '']]), resolved: new Map() }];
  scanXml(text, {
    open(qualified, attributes) {
      if (nodes[nodes.length - 1] === SKIPPED) {
        nodes.push(SKIPPED);
        scopes.push(scopes[scopes.length - 1] as Scope);
        return;
      }
      const outerScope = scopes[scopes.length - 1] as Scope;
      let scope = outerScope;
      for (let a = 0; a < attributes.length; a += 2) {
        const name = attributes[a] as string;
        if (name === 'xmlns' || name.startsWith('xmlns:')) {
          if (scope === outerScope) scope = { uris: new Map(scope.uris), resolved: new Map() };
          scope.uris.set(name === 'xmlns' ? '' : name.slice(6), attributes[a + 1] as string);
        }
      }
      const { name, ns } = resolve(qualified, scope);
      const parent = nodes[nodes.length - 1] ?? null;
      const decision = handler.enter(name, ns, nodes.length, parent);
      let node: XmlNode | null = null;
      if (decision === 'skip') {
        node = SKIPPED;
      } else if (decision || parent !== null) {
        node = { name, ns, attributes: attributes.length > 0 ? attributes : null, children: NO_CHILDREN, text: '', parent, label: null };
        if (parent) parent.text = '';
      }
      nodes.push(node);
      scopes.push(scope);
    },
    close() {
      const node = nodes.pop() ?? null;
      scopes.pop();
      if (!node || node === SKIPPED) return;
      const keep = handler.leave(node, nodes.length);
      const parent = node.parent;
      if (keep && parent) {
        if (parent.children === NO_CHILDREN) parent.children = [node];
        else parent.children.push(node);
      }
    },
    text(value) {
      const node = nodes[nodes.length - 1];
      if (node && node !== SKIPPED && node.children.length === 0) node.text += value;
    },
  });
}

/** The value of the attribute of that (qualified) name, or undefined. */
export function attribute(node: XmlNode, name: string): string | undefined {
  const attributes = node.attributes;
  if (!attributes) return undefined;
  for (let a = 0; a < attributes.length; a += 2) if (attributes[a] === name) return attributes[a + 1];
  return undefined;
}

/** The single child of that name, or undefined. */
export function child(node: XmlNode | null | undefined, name: string): XmlNode | undefined {
  if (!node) return undefined;
  const children = node.children;
  for (let i = 0; i < children.length; i++) {
    const candidate = children[i] as XmlNode;
    if (candidate.name === name) return candidate;
  }
  return undefined;
}

/** All children of that name, in order. */
export function childrenNamed(node: XmlNode | null | undefined, name: string): XmlNode[] {
  if (!node) return [];
  return node.children.filter((candidate) => candidate.name === name);
}

/** The texts of all children of that name joined by a space ("" for none), without building arrays. */
export function joinedTexts(node: XmlNode | null | undefined, name: string): string {
  if (!node) return '';
  let joined = '';
  for (const candidate of node.children) {
    if (candidate.name === name) joined = joined === '' ? candidate.text : `${joined} ${candidate.text}`;
  }
  return joined;
}

/** Text of the child at that path ("Refs", "EndToEndId"), or null when absent or empty. */
export function textAt(node: XmlNode | null | undefined, ...path: string[]): string | null {
  let current = node ?? undefined;
  for (const name of path) current = child(current, name);
  if (!current) return null;
  const value = current.text.trim();
  return value === '' ? null : value;
}

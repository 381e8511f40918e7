import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { CofferError } from '../../contract/index.js';

/** Largest statement file read, in characters: a month of a busy account is a few MB. */
export const MAX_XML_LENGTH = 50 * 1024 * 1024;

// Everything starting "<!" except comments and CDATA: DOCTYPE, ENTITY, ELEMENT, ATTLIST, NOTATION.
// Refused before parsing, so no entity is ever defined: no billion laughs, no external entities (XXE).
const DECLARATION = /<!(?!--|\[CDATA\[)/;

type XmlNode = string | Record<string, unknown>;

function bad(message: string): CofferError {
  return new CofferError('DOMAIN_BAD_STATEMENT', message);
}

/** A parsed XML element with its path for error messages, read with the document's namespace prefix. */
export class XmlElement {
  constructor(
    private readonly node: XmlNode,
    readonly path: string,
    private readonly prefix: string,
  ) {}

  /** All child elements of that name, in document order. */
  children(name: string): XmlElement[] {
    if (typeof this.node === 'string') return [];
    const nodes = this.node[this.prefix + name];
    if (!Array.isArray(nodes)) return [];
    return nodes.map((node: XmlNode, index) => new XmlElement(node, `${this.path}/${name}[${index}]`, this.prefix));
  }

  /** The child element of that name, if present; refuses a repeated one. */
  optional(name: string): XmlElement | undefined {
    const found = this.children(name);
    if (found.length > 1) throw bad(`expected at most one ${this.path}/${name}, found ${found.length}`);
    const node = found[0];
    return node && new XmlElement(node.node, `${this.path}/${name}`, this.prefix);
  }

  /** The child element of that name; refuses a missing one naming its path. */
  required(name: string): XmlElement {
    const found = this.optional(name);
    if (!found) throw bad(`expected element ${this.path}/${name}, found none`);
    return found;
  }

  /** Text content; refuses an element that holds child elements instead. */
  text(): string {
    if (typeof this.node === 'string') return this.node;
    const keys = Object.keys(this.node).filter((key) => !key.startsWith('@_') && key !== '#text');
    if (keys.length > 0) throw bad(`expected text in ${this.path}, found child elements`);
    const text = this.node['#text'];
    return typeof text === 'string' ? text : '';
  }

  attribute(name: string): string | undefined {
    if (typeof this.node === 'string') return undefined;
    const value = this.node[`@_${name}`];
    return typeof value === 'string' ? value : undefined;
  }
}

// Schema-instance and schema namespaces are routinely declared on camt roots (xsi:schemaLocation).
const HARMLESS_NAMESPACES = ['http://www.w3.org/2001/XMLSchema-instance', 'http://www.w3.org/2001/XMLSchema'];

/** Refuses a namespace declaration anywhere other than the document's own (and XSI/XSD). */
function ensureOneNamespace(node: unknown, path: string, namespace: string): void {
  if (typeof node !== 'object' || node === null) return;
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('@_xmlns') && value !== namespace && !HARMLESS_NAMESPACES.includes(String(value))) {
      throw bad(`expected only namespace ${namespace} in ${path}, found another`);
    }
    if (Array.isArray(value)) for (const child of value) ensureOneNamespace(child, `${path}/${key}`, namespace);
  }
}

export interface XmlDocument {
  root: XmlElement;
  /** The namespace URI of the root element. */
  namespace: string;
}

/**
 * Parses untrusted XML whose root element is `rootName` (with or without a prefix). Refuses DTD
 * declarations with DOMAIN_UNSAFE_XML; malformed XML (naming the line), a different root or a
 * namespace not in `namespaces` with DOMAIN_BAD_STATEMENT. Values stay strings: no number parsing.
 */
export function parseXmlDocument(text: string, rootName: string, namespaces: readonly string[]): XmlDocument {
  if (typeof text !== 'string' || text.length > MAX_XML_LENGTH) {
    throw bad(`expected XML text of at most ${MAX_XML_LENGTH} characters, found ${typeof text === 'string' ? text.length : typeof text}`);
  }
  const xml = text.startsWith('\ufeff') ? text.slice(1) : text;
  if (DECLARATION.test(xml)) {
    throw new CofferError('DOMAIN_UNSAFE_XML', 'expected XML without DOCTYPE or ENTITY declarations, found one');
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw bad(`expected well-formed XML, found an error at line ${valid.err.line}: ${valid.err.msg}`);
  let parsed: Record<string, unknown>;
  try {
    parsed = new XMLParser({
      ignoreAttributes: false,
      parseTagValue: false,
      parseAttributeValue: false,
      // Decodes numeric character references (&#228;) besides the five XML entities; no DTD is ever read.
      htmlEntities: true,
      isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
    }).parse(xml);
  } catch (error) {
    // fast-xml-parser refuses nesting deeper than 100 and names such as __proto__.
    throw new CofferError('DOMAIN_BAD_STATEMENT', 'expected a plain XML document, found one the parser refuses', { cause: error });
  }
  const roots = Object.keys(parsed).filter((key) => !key.startsWith('?'));
  const rootKey = roots[0] ?? '';
  const prefix = rootKey.includes(':') ? rootKey.slice(0, rootKey.indexOf(':') + 1) : '';
  if (roots.length !== 1 || rootKey !== prefix + rootName) throw bad(`expected root element ${rootName}, found ${roots.join(', ') || 'none'}`);
  const rootNodes = parsed[rootKey] as XmlNode[];
  // The validator lets a second, self-closing root through; the parser then collects both.
  if (rootNodes.length !== 1) throw bad(`expected one root element ${rootName}, found ${rootNodes.length}`);
  const node = rootNodes[0] ?? '';
  const root = new XmlElement(node, rootName, prefix);
  const namespace = root.attribute(prefix ? `xmlns:${prefix.slice(0, -1)}` : 'xmlns') ?? '';
  if (!namespaces.includes(namespace)) {
    throw bad(`expected namespace ${namespaces.join(' or ')}, found ${namespace ? 'another' : 'none'}`);
  }
  ensureOneNamespace(node, rootName, namespace);
  return { root, namespace };
}

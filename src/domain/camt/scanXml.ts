import { CofferError } from '../../contract/index.js';

/** Receives the events of scanXml in document order; text is already entity-decoded. */
export interface XmlSink {
  /** `attributes` is flat: name, value, name, value … */
  open(name: string, attributes: string[], selfClosing: boolean): void;
  close(name: string): void;
  text(value: string): void;
}

/** Deepest element nesting accepted: camt needs about 15, with an envelope 20. */
export const MAX_XML_DEPTH = 100;
const MAX_NAME_LENGTH = 200;
const MAX_ATTRIBUTES = 64;

// XML 1.0 §2.3 Name, restricted to what ISO 20022 and its envelopes use (plus non-ASCII letters).
const NAME_PART = /^[A-Za-z_\u00c0-\uffff][A-Za-z0-9_.\-\u00b7\u00c0-\uffff]*$/;

/** A Name, or a prefixed name with exactly one colon (Namespaces in XML §3 QName). */
function isName(name: string): boolean {
  const parts = name.split(':');
  return parts.length <= 2 && parts.every((part) => NAME_PART.test(part));
}
const PREDEFINED: Readonly<Record<string, string>> = Object.assign(Object.create(null) as Record<string, string>, { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" });
const NO_ATTRIBUTES: string[] = [];

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d;
}

function onlySpace(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

function lineOf(text: string, position: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < position; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
}

function malformed(text: string, position: number, expected: string, found: string): CofferError {
  return new CofferError('DOMAIN_BAD_STATEMENT', `expected well-formed XML (${expected}), found ${found} at line ${lineOf(text, position)}`);
}

/** Replaces the five predefined entities and character references; refuses any other entity. */
function decode(raw: string, text: string, position: number): string {
  let amp = raw.indexOf('&');
  if (amp === -1) return raw;
  let out = '';
  let from = 0;
  while (amp !== -1) {
    const semicolon = raw.indexOf(';', amp);
    const name = semicolon === -1 || semicolon - amp > 12 ? '' : raw.slice(amp + 1, semicolon);
    let value: string | undefined;
    if (/^#x[0-9A-Fa-f]{1,6}$|^#[0-9]{1,7}$/.test(name)) {
      const code = name[1] === 'x' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) throw malformed(text, position, 'a character reference to a Unicode character', 'another one');
      value = String.fromCodePoint(code);
    } else {
      // Ensure no entity beyond the five predefined ones is ever expanded: there is no DTD to define one.
      value = PREDEFINED[name];
      if (value === undefined) throw malformed(text, position, 'only the predefined entities', name ? `&${name};` : 'a bare &');
    }
    out += raw.slice(from, amp) + value;
    from = (semicolon as number) + 1;
    amp = raw.indexOf('&', from);
  }
  return out + raw.slice(from);
}

/**
 * A small, strict, streaming XML 1.0 reader for bank files. Walks `text` once and reports elements
 * and text to `sink`, without building a tree. Refuses with DOMAIN_UNSAFE_XML anything that declares
 * a DTD or entities (DOCTYPE, ENTITY …: no billion laughs, no XXE); with DOMAIN_BAD_STATEMENT naming
 * the line: mismatched or unclosed tags, malformed attributes, undefined entities, nesting deeper
 * than MAX_XML_DEPTH, text or a second element outside the root.
 */
export function scanXml(text: string, sink: XmlSink): void {
  const names = new Set<string>();
  const open: string[] = [];
  let roots = 0;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const end = text.length;
  while (i < end) {
    const lt = text.indexOf('<', i);
    const stop = lt === -1 ? end : lt;
    if (stop > i && !onlySpace(text, i, stop)) {
      if (open.length === 0) throw malformed(text, i, 'only white space outside the root element', 'text');
      sink.text(decode(text.slice(i, stop), text, i));
    }
    if (lt === -1) break;
    const next = text.charCodeAt(lt + 1);
    if (next === 0x2f /* / */) {
      const expected = open.pop();
      let gt = expected === undefined ? -1 : lt + 2 + expected.length;
      if (expected === undefined || !text.startsWith(expected, lt + 2)) gt = -1;
      while (gt !== -1 && gt < end && isSpace(text.charCodeAt(gt))) gt += 1;
      if (gt === -1 || text.charCodeAt(gt) !== 0x3e) {
        const found = text.slice(lt + 2, Math.min(end, lt + 42)).split('>')[0] ?? '';
        throw malformed(text, lt, expected ? `</${expected}>` : 'no closing tag', `</${found}>`);
      }
      sink.close(expected as string);
      i = gt + 1;
    } else if (next === 0x3f /* ? */) {
      const close = text.indexOf('?>', lt + 2);
      if (close === -1) throw malformed(text, lt, 'a closing "?>"', 'the end of the file');
      i = close + 2;
    } else if (next === 0x21 /* ! */) {
      if (text.startsWith('<!--', lt)) {
        const close = text.indexOf('-->', lt + 4);
        if (close === -1) throw malformed(text, lt, 'a closing "-->"', 'the end of the file');
        i = close + 3;
      } else if (text.startsWith('<![CDATA[', lt)) {
        const close = text.indexOf(']]>', lt + 9);
        if (close === -1) throw malformed(text, lt, 'a closing "]]>"', 'the end of the file');
        if (open.length === 0) throw malformed(text, lt, 'CDATA inside the root element', 'CDATA outside it');
        sink.text(text.slice(lt + 9, close));
        i = close + 3;
      } else {
        // DOCTYPE, ENTITY, ELEMENT, ATTLIST, NOTATION: never read, always refused.
        throw new CofferError('DOMAIN_UNSAFE_XML', `expected XML without DOCTYPE or ENTITY declarations, found one at line ${lineOf(text, lt)}`);
      }
    } else {
      if (open.length === 0) {
        roots += 1;
        if (roots > 1) throw malformed(text, lt, 'one root element', 'a second one');
      }
      i = readStartTag(text, lt, names, open, sink);
    }
  }
  if (open.length > 0) throw malformed(text, end, `</${open[open.length - 1]}>`, 'the end of the file');
  if (roots === 0) throw malformed(text, end, 'a root element', 'none');
}

/** Reads `<name attr="value" …>` or `<… />` at `lt`; returns the position after it. */
function readStartTag(text: string, lt: number, names: Set<string>, open: string[], sink: XmlSink): number {
  let i = lt + 1;
  const end = text.length;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 0x3e || c === 0x2f || isSpace(c)) break;
    i += 1;
  }
  const name = text.slice(lt + 1, i);
  if (!names.has(name)) {
    if (name.length === 0 || name.length > MAX_NAME_LENGTH || !isName(name)) throw malformed(text, lt, 'an element name', `"<${name.slice(0, 40)}"`);
    names.add(name);
  }
  if (text.charCodeAt(i) === 0x3e) {
    // The common case, <Amt> without attributes: no array, no loop.
    if (open.length >= MAX_XML_DEPTH) throw malformed(text, lt, `nesting of at most ${MAX_XML_DEPTH} elements`, 'deeper nesting');
    sink.open(name, NO_ATTRIBUTES, false);
    open.push(name);
    return i + 1;
  }
  const attributes: string[] = [];
  for (;;) {
    while (i < end && isSpace(text.charCodeAt(i))) i += 1;
    if (i >= end) throw malformed(text, lt, 'the end of the start tag', 'the end of the file');
    const c = text.charCodeAt(i);
    if (c === 0x3e || (c === 0x2f && text.charCodeAt(i + 1) === 0x3e)) {
      const selfClosing = c === 0x2f;
      if (open.length >= MAX_XML_DEPTH) throw malformed(text, lt, `nesting of at most ${MAX_XML_DEPTH} elements`, 'deeper nesting');
      sink.open(name, attributes, selfClosing);
      if (selfClosing) sink.close(name);
      else open.push(name);
      return i + (selfClosing ? 2 : 1);
    }
    const eq = text.indexOf('=', i);
    if (eq === -1) throw malformed(text, lt, 'name="value" attributes', 'something else');
    const attribute = text.slice(i, eq).trimEnd();
    if (!names.has(attribute)) {
      if (!isName(attribute)) throw malformed(text, lt, 'name="value" attributes', `"${attribute.slice(0, 40)}"`);
      names.add(attribute);
    }
    let q = eq + 1;
    while (q < end && isSpace(text.charCodeAt(q))) q += 1;
    const quote = text.charAt(q);
    if (quote !== '"' && quote !== "'") throw malformed(text, lt, 'an attribute value in quotes', 'an unquoted one');
    const close = text.indexOf(quote, q + 1);
    if (close === -1) throw malformed(text, lt, 'a closing quote', 'the end of the file');
    const raw = text.slice(q + 1, close);
    if (raw.indexOf('<') !== -1) throw malformed(text, lt, 'no "<" in an attribute value', 'one');
    for (let a = 0; a < attributes.length; a += 2) {
      if (attributes[a] === attribute) throw malformed(text, lt, 'each attribute once', `"${attribute}" twice`);
    }
    if (attributes.length >= MAX_ATTRIBUTES * 2) throw malformed(text, lt, `at most ${MAX_ATTRIBUTES} attributes`, 'more');
    attributes.push(attribute, decode(raw, text, q));
    i = close + 1;
    const after = text.charCodeAt(i);
    if (!isSpace(after) && after !== 0x3e && after !== 0x2f) {
      throw malformed(text, lt, 'white space between attributes', 'none');
    }
  }
  throw malformed(text, lt, 'the end of the start tag', 'the end of the file');
}

/**
 * A strict, non-validating XML 1.0 reader with namespaces (Namespaces in XML 1.0) for iJw berichten.
 *
 * Why not fast-xml-parser for received berichten: on hostile or broken input it is lenient where XML is not
 * (tested with 5.12: it expands entities declared in a DOCTYPE, accepts two root elements, text after the root,
 * `<` in attribute values, `--` in comments, control characters and undeclared entities, and leaves numeric
 * character references undecoded). Everything here is refused instead, and:
 *  - a DOCTYPE (and so any ENTITY declaration) is refused before anything else: no entity is ever expanded, XXE
 *    and billion laughs are impossible; only the five predefined entities and character references are decoded;
 *  - namespaces are resolved from the xmlns declarations in scope, never from prefix names;
 *  - line ends are normalised (\r\n and \r become \n) and attribute values normalised as XML 1.0 §2.11/§3.3.3 say;
 *  - limits bound the work: input length, depth, number of elements, length of one text or attribute value.
 * It never throws: every problem is returned as a message.
 */
import type { XmlLimits } from './types';

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

export interface XmlAttribute {
  qname: string;
  prefix: string;
  local: string;
  /** Namespace of the attribute (undefined for an unprefixed attribute). */
  ns: string | undefined;
  value: string;
}

export interface XmlElement {
  type: 'element';
  qname: string;
  prefix: string;
  local: string;
  /** Namespace URI of the element, undefined when it has none. */
  ns: string | undefined;
  /** Attributes other than namespace declarations. */
  attributes: XmlAttribute[];
  children: XmlChild[];
}

export interface XmlText {
  type: 'text';
  /** Decoded character data (CDATA sections included). */
  text: string;
}

export type XmlChild = XmlElement | XmlText;

export type XmlReadResult = { ok: true; root: XmlElement } | { ok: false; doctype: boolean; message: string; line: number };

// XML 1.0 (fifth edition) Name productions.
const NAME_START =
  'A-Z_a-z\\u{C0}-\\u{D6}\\u{D8}-\\u{F6}\\u{F8}-\\u{2FF}\\u{370}-\\u{37D}\\u{37F}-\\u{1FFF}\\u{200C}-\\u{200D}\\u{2070}-\\u{218F}' +
  '\\u{2C00}-\\u{2FEF}\\u{3001}-\\u{D7FF}\\u{F900}-\\u{FDCF}\\u{FDF0}-\\u{FFFD}\\u{10000}-\\u{EFFFF}';
const NAME_CHAR = `${NAME_START}\\-.0-9\\u{B7}\\u{300}-\\u{36F}\\u{203F}-\\u{2040}`;
// The ranges include combining marks (U+0300–U+036F) on purpose: XML names may contain them.
// eslint-disable-next-line no-misleading-character-class
const NCNAME = new RegExp(`^[${NAME_START}][${NAME_CHAR}]*$`, 'u');
// eslint-disable-next-line no-misleading-character-class
const NAME_AT = new RegExp(`[${NAME_START}:][${NAME_CHAR}:]*`, 'uy');
// Characters XML 1.0 does not allow anywhere (also as a lone surrogate).
const ILLEGAL_CHAR = /[^\t\n\r\u{20}-\u{D7FF}\u{E000}-\u{FFFD}\u{10000}-\u{10FFFF}]/u;
const XML_DECL = new RegExp(
  String.raw`^<\?xml[ \t\n]+version[ \t\n]*=[ \t\n]*(["'])1\.[0-9]+\1` +
    String.raw`(?:[ \t\n]+encoding[ \t\n]*=[ \t\n]*(["'])[A-Za-z][A-Za-z0-9._-]*\2)?` +
    String.raw`(?:[ \t\n]+standalone[ \t\n]*=[ \t\n]*(["'])(?:yes|no)\3)?[ \t\n]*\?>`,
);

class XmlError extends Error {
  constructor(
    message: string,
    readonly pos: number,
    readonly doctype = false,
  ) {
    super(message);
  }
}

function isLegalCodePoint(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

export function readXml(input: unknown, limits: XmlLimits): XmlReadResult {
  if (typeof input !== 'string') return { ok: false, doctype: false, message: 'the input is not a text', line: 0 };
  if (input.length > limits.maxInputLength)
    return { ok: false, doctype: false, message: `the XML is longer than ${limits.maxInputLength} characters`, line: 0 };
  let src = input.startsWith('\uFEFF') ? input.slice(1) : input;
  src = src.replace(/\r\n?/g, '\n');
  try {
    return { ok: true, root: new Reader(src, limits).document() };
  } catch (error) {
    if (error instanceof XmlError) {
      const line = src.slice(0, Math.min(error.pos, src.length)).split('\n').length;
      return { ok: false, doctype: error.doctype, message: error.message, line };
    }
    // Defensive: a RangeError (stack) or anything unforeseen is a refusal, never a crash.
    return { ok: false, doctype: false, message: `the XML could not be read (${error instanceof Error ? error.name : 'error'})`, line: 0 };
  }
}

class Reader {
  private pos = 0;
  private elements = 0;

  constructor(
    private readonly s: string,
    private readonly limits: XmlLimits,
  ) {}

  private fail(message: string, at = this.pos): never {
    throw new XmlError(message, at);
  }

  document(): XmlElement {
    const bad = ILLEGAL_CHAR.exec(this.s);
    if (bad) this.fail('the XML contains a character that XML does not allow', bad.index);
    if (this.s.startsWith('<?xml') && /^<\?xml[ \t\n?]/.test(this.s)) {
      const m = XML_DECL.exec(this.s);
      if (!m) this.fail('the XML declaration is malformed');
      this.pos = m[0].length;
    }
    this.misc();
    if (this.s.startsWith('<!DOCTYPE', this.pos) || this.s.startsWith('<!ENTITY', this.pos)) {
      throw new XmlError('a DOCTYPE or ENTITY declaration is not accepted (no DTD, no entity declarations)', this.pos, true);
    }
    if (this.pos >= this.s.length || this.s[this.pos] !== '<') this.fail('no root element');
    const root = this.element(new Map([['xml', XML_NS]]), 1);
    this.misc();
    if (this.s.startsWith('<!DOCTYPE', this.pos) || this.s.startsWith('<!ENTITY', this.pos))
      throw new XmlError('a DOCTYPE or ENTITY declaration is not accepted (no DTD, no entity declarations)', this.pos, true);
    if (this.pos < this.s.length)
      this.fail(this.s[this.pos] === '<' ? 'there is more than one root element' : 'text after the root element');
    return root;
  }

  /** Whitespace, comments and processing instructions outside the root element. */
  private misc(): void {
    for (;;) {
      const start = this.pos;
      while (this.pos < this.s.length && ' \t\n'.includes(this.s[this.pos]!)) this.pos++;
      if (this.s.startsWith('<!--', this.pos)) this.comment();
      else if (this.s.startsWith('<?', this.pos)) this.pi();
      else if (this.pos === start) return;
    }
  }

  private comment(): void {
    const start = this.pos;
    const end = this.s.indexOf('-->', this.pos + 4);
    if (end < 0) this.fail('unterminated comment', start);
    const body = this.s.slice(this.pos + 4, end);
    if (body.includes('--') || body.endsWith('-')) this.fail("'--' inside a comment", start);
    this.pos = end + 3;
  }

  private pi(): void {
    const start = this.pos;
    this.pos += 2;
    const target = this.name();
    if (target.toLowerCase() === 'xml') this.fail('an XML declaration is only allowed at the very start', start);
    if (target.includes(':')) this.fail('a processing instruction target may not contain a colon', start);
    const end = this.s.indexOf('?>', this.pos);
    if (end < 0) this.fail('unterminated processing instruction', start);
    if (end > this.pos && !' \t\n'.includes(this.s[this.pos]!)) this.fail('malformed processing instruction', start);
    this.pos = end + 2;
  }

  private name(): string {
    NAME_AT.lastIndex = this.pos;
    const m = NAME_AT.exec(this.s);
    if (!m) this.fail('a name was expected');
    this.pos += m[0].length;
    return m[0];
  }

  private skipSpace(): boolean {
    const start = this.pos;
    while (this.pos < this.s.length && ' \t\n'.includes(this.s[this.pos]!)) this.pos++;
    return this.pos > start;
  }

  private splitQName(qname: string, at: number): [string, string] {
    const i = qname.indexOf(':');
    if (i < 0) {
      if (!NCNAME.test(qname)) this.fail(`'${qname}' is not a valid name`, at);
      return ['', qname];
    }
    const prefix = qname.slice(0, i);
    const local = qname.slice(i + 1);
    if (!NCNAME.test(prefix) || !NCNAME.test(local)) this.fail(`'${qname}' is not a valid qualified name`, at);
    return [prefix, local];
  }

  /** Decodes references in text or an attribute value; `<` and a bare `&` are errors. */
  private decode(raw: string, at: number, attribute: boolean): string {
    if (raw.length > this.limits.maxTextLength)
      this.fail(`a text or attribute value is longer than ${this.limits.maxTextLength} characters`, at);
    if (attribute && raw.includes('<')) this.fail("'<' inside an attribute value", at);
    if (!raw.includes('&')) return attribute ? raw.replace(/[\t\n]/g, ' ') : raw;
    let out = '';
    let i = 0;
    while (i < raw.length) {
      const amp = raw.indexOf('&', i);
      if (amp < 0) {
        out += attribute ? raw.slice(i).replace(/[\t\n]/g, ' ') : raw.slice(i);
        break;
      }
      out += attribute ? raw.slice(i, amp).replace(/[\t\n]/g, ' ') : raw.slice(i, amp);
      const semi = raw.indexOf(';', amp);
      if (semi < 0 || semi - amp > 12) this.fail("a bare '&' (write &amp;)", at);
      const ref = raw.slice(amp + 1, semi);
      const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };
      if (named[ref] !== undefined) out += named[ref];
      else if (/^#[0-9]+$/.test(ref) || /^#x[0-9a-fA-F]+$/.test(ref)) {
        const cp = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
        if (!isLegalCodePoint(cp)) this.fail('a character reference to a character that XML does not allow', at);
        out += String.fromCodePoint(cp);
      } else this.fail(`the entity '&${ref.slice(0, 20)};' is not declared (only the five predefined entities are accepted)`, at);
      i = semi + 1;
    }
    return out;
  }

  private element(scope: Map<string, string>, depth: number): XmlElement {
    if (depth > this.limits.maxDepth) this.fail(`elements are nested deeper than ${this.limits.maxDepth}`);
    if (++this.elements > this.limits.maxElements) this.fail(`more than ${this.limits.maxElements} elements`);
    const start = this.pos;
    this.pos++; // '<'
    const qname = this.name();
    const rawAttrs: Array<{ qname: string; value: string; at: number }> = [];
    for (;;) {
      const spaced = this.skipSpace();
      const c = this.s[this.pos];
      if (c === '>' || c === '/') break;
      if (c === undefined) this.fail('unterminated start tag', start);
      if (!spaced) this.fail('whitespace is required between attributes');
      const at = this.pos;
      const an = this.name();
      this.skipSpace();
      if (this.s[this.pos] !== '=') this.fail(`attribute '${an}' has no value`);
      this.pos++;
      this.skipSpace();
      const q = this.s[this.pos];
      if (q !== '"' && q !== "'") this.fail(`the value of attribute '${an}' is not quoted`);
      const end = this.s.indexOf(q, this.pos + 1);
      if (end < 0) this.fail('unterminated attribute value', at);
      const value = this.decode(this.s.slice(this.pos + 1, end), at, true);
      this.pos = end + 1;
      if (rawAttrs.some((a) => a.qname === an)) this.fail(`attribute '${an}' is repeated`, at);
      rawAttrs.push({ qname: an, value, at });
    }
    // Namespace declarations first, then the names are resolved against the new scope.
    let inner = scope;
    for (const a of rawAttrs) {
      if (a.qname === 'xmlns' || a.qname.startsWith('xmlns:')) {
        const prefix = a.qname === 'xmlns' ? '' : a.qname.slice(6);
        if (prefix !== '' && !NCNAME.test(prefix)) this.fail(`'${a.qname}' is not a valid namespace declaration`, a.at);
        if (prefix === 'xmlns') this.fail('the prefix xmlns may not be declared', a.at);
        if (prefix === 'xml' ? a.value !== XML_NS : a.value === XML_NS || a.value === XMLNS_NS)
          this.fail('the xml namespace and prefix are reserved', a.at);
        if (prefix !== '' && a.value === '') this.fail(`the prefix '${prefix}' may not be undeclared (XML 1.0 namespaces)`, a.at);
        if (inner === scope) inner = new Map(scope);
        if (a.value === '') inner.delete('');
        else inner.set(prefix, a.value);
      }
    }
    const [prefix, local] = this.splitQName(qname, start);
    const ns = inner.get(prefix);
    if (prefix !== '' && ns === undefined) this.fail(`the namespace prefix '${prefix}' is not declared`, start);
    const attributes: XmlAttribute[] = [];
    const expanded = new Set<string>();
    for (const a of rawAttrs) {
      if (a.qname === 'xmlns' || a.qname.startsWith('xmlns:')) continue;
      const [ap, al] = this.splitQName(a.qname, a.at);
      const ans = ap === '' ? undefined : inner.get(ap);
      if (ap !== '' && ans === undefined) this.fail(`the namespace prefix '${ap}' is not declared`, a.at);
      const key = `${ans ?? ''}|${al}`;
      if (expanded.has(key)) this.fail(`attribute '${a.qname}' is repeated`, a.at);
      expanded.add(key);
      attributes.push({ qname: a.qname, prefix: ap, local: al, ns: ans, value: a.value });
    }
    const el: XmlElement = { type: 'element', qname, prefix, local, ns, attributes, children: [] };
    if (this.s.startsWith('/>', this.pos)) {
      this.pos += 2;
      return el;
    }
    if (this.s[this.pos] !== '>') this.fail('malformed start tag', start);
    this.pos++;
    this.content(el, inner, depth);
    return el;
  }

  private content(el: XmlElement, scope: Map<string, string>, depth: number): void {
    let text = '';
    const flush = () => {
      if (text !== '') {
        el.children.push({ type: 'text', text });
        text = '';
      }
    };
    for (;;) {
      const lt = this.s.indexOf('<', this.pos);
      if (lt < 0) this.fail(`the element '${el.qname}' is not closed`);
      if (lt > this.pos) {
        const raw = this.s.slice(this.pos, lt);
        if (raw.includes(']]>')) this.fail("']]>' in text", this.pos);
        text += this.decode(raw, this.pos, false);
        if (text.length > this.limits.maxTextLength) this.fail(`a text value is longer than ${this.limits.maxTextLength} characters`);
        this.pos = lt;
      }
      if (this.s.startsWith('</', this.pos)) {
        const start = this.pos;
        this.pos += 2;
        const name = this.name();
        this.skipSpace();
        if (this.s[this.pos] !== '>') this.fail('malformed end tag', start);
        this.pos++;
        if (name !== el.qname) this.fail(`the end tag '${name}' does not match the start tag '${el.qname}'`, start);
        flush();
        return;
      }
      if (this.s.startsWith('<!--', this.pos)) this.comment();
      else if (this.s.startsWith('<![CDATA[', this.pos)) {
        const end = this.s.indexOf(']]>', this.pos + 9);
        if (end < 0) this.fail('unterminated CDATA section');
        text += this.s.slice(this.pos + 9, end);
        if (text.length > this.limits.maxTextLength) this.fail(`a text value is longer than ${this.limits.maxTextLength} characters`);
        this.pos = end + 3;
      } else if (this.s.startsWith('<!DOCTYPE', this.pos) || this.s.startsWith('<!ENTITY', this.pos)) {
        throw new XmlError('a DOCTYPE or ENTITY declaration is not accepted (no DTD, no entity declarations)', this.pos, true);
      } else if (this.s.startsWith('<!', this.pos)) this.fail('markup declarations are not accepted');
      else if (this.s.startsWith('<?', this.pos)) this.pi();
      else {
        flush();
        el.children.push(this.element(scope, depth + 1));
      }
    }
  }
}

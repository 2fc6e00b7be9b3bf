// A tiny strict XML 1.0 reader for this area's tests (no new dependency): it throws on anything
// not well-formed that our builders could plausibly produce — unbalanced or mismatched tags, bare
// `<` or `&`, unknown entities, `]]>` in text, unquoted or duplicate attributes, forbidden
// characters, undeclared namespace prefixes, more than one root — and returns a decoded tree.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Decoded character data directly inside this element (text and CDATA). */
  text: string;
}

const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, where: string): string {
  if (raw.includes('<')) throw new Error(`bare < in ${where}`);
  return raw.replace(/&([^;]*);?/g, (match, ref: string) => {
    if (!match.endsWith(';')) throw new Error(`unterminated entity in ${where}: ${raw}`);
    if (/^#x[0-9a-fA-F]+$/.test(ref)) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (/^#\d+$/.test(ref)) return String.fromCodePoint(Number.parseInt(ref.slice(1), 10));
    const value = PREDEFINED[ref];
    if (value === undefined) throw new Error(`unknown entity &${ref}; in ${where}`);
    return value;
  });
}

function prefixes(element: XmlElement): string[] {
  return [element.name, ...Object.keys(element.attributes).filter((a) => !a.startsWith('xmlns'))]
    .filter((n) => n.includes(':'))
    .map((n) => n.split(':')[0] ?? '');
}

export function parseXml(xml: string): XmlElement {
  if (!xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')) throw new Error('missing XML declaration');
  if (/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.test(xml)) throw new Error('forbidden character');
  const stack: { element: XmlElement; namespaces: Set<string> }[] = [];
  let root: XmlElement | undefined;
  let i = xml.indexOf('?>') + 2;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const textRaw = xml.slice(i, lt === -1 ? xml.length : lt);
    const top = stack.at(-1);
    if (textRaw.includes(']]>')) throw new Error(']]> in text');
    if (top) top.element.text += decode(textRaw, `<${top.element.name}>`);
    else if (textRaw.trim() !== '') throw new Error(`text outside the root: ${textRaw}`);
    if (lt === -1) break;
    if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt);
      if (!top || end === -1) throw new Error('bad CDATA section');
      top.element.text += xml.slice(lt + 9, end);
      i = end + 3;
    } else if (xml.startsWith('<!--', lt) || xml.startsWith('<?', lt)) {
      const end = xml.indexOf(xml[lt + 1] === '!' ? '-->' : '?>', lt);
      if (end === -1) throw new Error('unterminated comment or processing instruction');
      i = end + 3;
    } else if (xml[lt + 1] === '/') {
      const match = /^<\/([^\s>]+)\s*>/.exec(xml.slice(lt));
      const open = stack.pop();
      if (!match || !open || open.element.name !== match[1]) throw new Error(`mismatched </${match?.[1]}> for <${open?.element.name}>`);
      i = lt + match[0].length;
    } else {
      const name = NAME.exec(xml.slice(lt + 1))?.[0];
      if (!name) throw new Error(`bad tag at ${lt}: ${xml.slice(lt, lt + 20)}`);
      if (root && stack.length === 0) throw new Error('more than one root element');
      const element: XmlElement = { name, attributes: {}, children: [], text: '' };
      let j = lt + 1 + name.length;
      for (;;) {
        const attr = /^\s+([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/.exec(xml.slice(j));
        if (!attr) break;
        const attrName = attr[1] ?? '';
        if (!NAME.test(attrName) || attrName in element.attributes) throw new Error(`bad or duplicate attribute ${attrName}`);
        element.attributes[attrName] = decode(attr[3] ?? attr[4] ?? '', `@${attrName}`);
        j += attr[0].length;
      }
      const close = /^\s*(\/?)>/.exec(xml.slice(j));
      if (!close) throw new Error(`malformed start tag <${name}: ${xml.slice(j, j + 20)}`);
      const namespaces = new Set(['xml', ...(stack.at(-1)?.namespaces ?? [])]);
      for (const attrName of Object.keys(element.attributes)) if (attrName.startsWith('xmlns:')) namespaces.add(attrName.slice(6));
      for (const prefix of prefixes(element)) if (!namespaces.has(prefix)) throw new Error(`undeclared prefix ${prefix}:`);
      if (top) top.element.children.push(element);
      else root = element;
      if (close[1] !== '/') stack.push({ element, namespaces });
      i = j + close[0].length;
    }
  }
  if (stack.length > 0 || !root) throw new Error(`unclosed <${stack.at(-1)?.element.name}>`);
  return root;
}

/** Direct children named `name`. */
export function children(parent: XmlElement, name: string): XmlElement[] {
  return parent.children.filter((c) => c.name === name);
}

/** The only direct child named `name`; throws if there is none or more than one. */
export function only(parent: XmlElement, name: string): XmlElement {
  const found = children(parent, name);
  if (found.length !== 1) throw new Error(`expected one <${name}> in <${parent.name}>, found ${found.length}`);
  return found[0] as XmlElement;
}

/** The element at `index`; throws when there is none (keeps tests free of `!`). */
export function nth(list: readonly XmlElement[], index: number): XmlElement {
  const found = list[index];
  if (!found) throw new Error(`no element at ${index}`);
  return found;
}

/** An element of a parsed XML document: its name, attributes, children and text. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_][\w.:-]*/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, at: number): string {
  if (raw.includes('<')) throw new Error(`'<' in character data near ${at}`);
  return raw.replace(/&([^;&\s]*);|&/g, (match, name: string | undefined) => {
    if (name === undefined) throw new Error(`bare '&' near ${at}`);
    if (ENTITIES[name]) return ENTITIES[name];
    const num = /^#(x[0-9a-fA-F]+|\d+)$/.exec(name);
    if (num) return String.fromCodePoint(Number(num[1].startsWith('x') ? `0${num[1]}` : num[1]));
    throw new Error(`unknown entity ${match} near ${at}`);
  });
}

/**
 * A strict, small XML 1.0 parser for tests: one root element, tags that nest and close, quoted
 * attributes without duplicates, only the predefined and numeric entities, no control characters.
 * Throws on anything that is not well-formed. (No DTDs, which feeds never carry.)
 */
export function parseXml(doc: string): XmlElement {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(doc)) throw new Error('control character in document');
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  const skipMisc = () => {
    for (;;) {
      const ws = /^\s*/.exec(doc.slice(i))?.[0] ?? '';
      i += ws.length;
      if (doc.startsWith('<?', i)) {
        const end = doc.indexOf('?>', i);
        if (end < 0) throw new Error('unterminated processing instruction');
        i = end + 2;
      } else if (doc.startsWith('<!--', i)) {
        const end = doc.indexOf('-->', i);
        if (end < 0) throw new Error('unterminated comment');
        i = end + 3;
      } else return;
    }
  };
  skipMisc();
  while (i < doc.length) {
    if (stack.length === 0 && root) {
      skipMisc();
      if (i < doc.length) throw new Error(`content after the root element at ${i}`);
      break;
    }
    if (doc.startsWith('</', i)) {
      const m = NAME.exec(doc.slice(i + 2));
      const open = stack.pop();
      if (!m || !open || m[0] !== open.name) throw new Error(`mismatched closing tag at ${i}`);
      i += 2 + m[0].length;
      const close = /^\s*>/.exec(doc.slice(i));
      if (!close) throw new Error(`bad closing tag at ${i}`);
      i += close[0].length;
    } else if (doc.startsWith('<!--', i)) {
      const end = doc.indexOf('-->', i);
      if (end < 0) throw new Error('unterminated comment');
      i = end + 3;
    } else if (doc.startsWith('<![CDATA[', i)) {
      const end = doc.indexOf(']]>', i);
      if (end < 0 || stack.length === 0) throw new Error('bad CDATA');
      stack[stack.length - 1].text += doc.slice(i + 9, end);
      i = end + 3;
    } else if (doc[i] === '<') {
      const m = NAME.exec(doc.slice(i + 1));
      if (!m) throw new Error(`bad tag at ${i}`);
      i += 1 + m[0].length;
      const element: XmlElement = { name: m[0], attributes: {}, children: [], text: '' };
      for (;;) {
        const attr = /^\s+([A-Za-z_][\w.:-]*)\s*=\s*("([^"<]*)"|'([^'<]*)')/.exec(doc.slice(i));
        if (!attr) break;
        if (attr[1] in element.attributes) throw new Error(`duplicate attribute ${attr[1]}`);
        element.attributes[attr[1]] = decode(attr[3] ?? attr[4] ?? '', i);
        i += attr[0].length;
      }
      const end = /^\s*(\/?)>/.exec(doc.slice(i));
      if (!end) throw new Error(`bad start tag <${element.name}> at ${i}`);
      i += end[0].length;
      if (stack.length > 0) stack[stack.length - 1].children.push(element);
      else if (root) throw new Error('two root elements');
      else root = element;
      if (!end[1]) stack.push(element);
    } else {
      const next = doc.indexOf('<', i);
      const raw = doc.slice(i, next < 0 ? doc.length : next);
      if (stack.length === 0) {
        if (raw.trim()) throw new Error(`text outside the root element at ${i}`);
      } else {
        if (raw.includes(']]>')) throw new Error("']]>' in text");
        stack[stack.length - 1].text += decode(raw, i);
      }
      i += raw.length;
    }
  }
  if (!root || stack.length > 0) throw new Error('unclosed elements');
  return root;
}

/** The direct children of an element with a name. */
export const childrenNamed = (e: XmlElement, name: string): XmlElement[] =>
  e.children.filter((c) => c.name === name);

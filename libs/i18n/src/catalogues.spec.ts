import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TYPE, parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { ADMIN_MESSAGES, MAIL_MESSAGES, PAGE_MESSAGES } from './catalogues';
import { LANGUAGES } from './languages';
import { compileMessage } from './translator';

const ROOT = join(__dirname, '..', 'messages');
type Catalogue = Record<string, string>;

function readArea(area: string): Map<string, Catalogue> {
  const files = readdirSync(join(ROOT, area)).filter((f) => f.endsWith('.json'));
  return new Map(
    files.map((f) => [
      f.replace(/\.json$/, ''),
      JSON.parse(readFileSync(join(ROOT, area, f), 'utf8')) as Catalogue,
    ]),
  );
}

/** The argument names a message uses, sorted (a plural in one language may be plain in another). */
function argumentsOf(message: string): string[] {
  const found = new Set<string>();
  const visit = (elements: MessageFormatElement[]): void => {
    for (const el of elements) {
      if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
      if (el.type === TYPE.tag) {
        found.add(`<${el.value}>`);
        visit(el.children);
        continue;
      }
      found.add(el.value);
      if (el.type === TYPE.plural || el.type === TYPE.select) {
        for (const option of Object.values(el.options)) visit(option.value);
      }
    }
  };
  visit(parse(message, { ignoreTag: true }));
  return [...found].sort();
}

/** Keys one catalogue lacks that another catalogue of the same area has. */
export function missingKeys(area: Map<string, Catalogue>): string[] {
  const all = new Set([...area.values()].flatMap((c) => Object.keys(c)));
  return [...area].flatMap(([lang, c]) => [...all].filter((k) => !(k in c)).map((k) => `${lang}: ${k}`));
}

const areas = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

describe('message catalogues', () => {
  it('finds the areas and languages it checks', () => {
    expect(areas).toEqual(expect.arrayContaining(['admin', 'mail', 'pages']));
    expect(
      missingKeys(
        new Map<string, Catalogue>([
          ['en', { a: 'A', b: 'B' }],
          ['ar', { a: 'أ' }],
        ]),
      ),
    ).toEqual(['ar: b']);
  });

  describe.each(areas)('area %s', (area) => {
    const catalogues = readArea(area);

    it('has one file per supported language and no other', () => {
      expect([...catalogues.keys()].sort()).toEqual([...LANGUAGES].sort());
    });

    it('has every key in every language', () => {
      expect(missingKeys(catalogues)).toEqual([]);
    });

    it('uses the same arguments for a key in every language', () => {
      const en = catalogues.get('en') ?? {};
      const differ = [...catalogues].flatMap(([lang, c]) =>
        Object.keys(en)
          .filter((k) => k in c && argumentsOf(c[k]).join() !== argumentsOf(en[k]).join())
          .map((k) => `${lang}: ${k}`),
      );
      expect(differ).toEqual([]);
    });

    it('has only messages that compile as ICU MessageFormat', () => {
      const broken = [...catalogues].flatMap(([lang, c]) =>
        Object.entries(c).flatMap(([key, message]) => {
          try {
            compileMessage(message, lang as (typeof LANGUAGES)[number]);
            return [];
          } catch (error) {
            return [`${lang}: ${key}: ${(error as Error).message}`];
          }
        }),
      );
      expect(broken).toEqual([]);
    });
  });

  it('exports every area folder', () => {
    const exported: Record<string, unknown> = {
      admin: ADMIN_MESSAGES,
      mail: MAIL_MESSAGES,
      pages: PAGE_MESSAGES,
    };
    expect(Object.keys(exported).sort()).toEqual([...areas].sort());
  });
});

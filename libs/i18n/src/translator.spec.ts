import { translator } from './translator';

const CATALOGUES = {
  en: {
    hello: 'Hello {name}',
    going: '{count, plural, one {1 person going} other {{count} people going}}',
    kind: '{kind, select, hybrid {Hybrid} other {{kind}}}',
    markup: '<b>{name}</b>',
  },
  ar: {
    hello: 'مرحبًا {name}',
    going: '{count} سيحضرون',
    kind: '{kind, select, hybrid {هجين} other {{kind}}}',
    markup: '<b>{name}</b>',
  },
};

describe('translator', () => {
  it('formats a message with its arguments in the language asked for', () => {
    expect(translator(CATALOGUES, 'en')('hello', { name: 'Sam' })).toBe('Hello Sam');
    expect(translator(CATALOGUES, 'ar')('hello', { name: 'سام' })).toBe('مرحبًا سام');
  });

  it('chooses plural and select branches, and writes plain numbers', () => {
    const t = translator(CATALOGUES, 'en');
    expect(t('going', { count: 1 })).toBe('1 person going');
    expect(t('going', { count: 1200 })).toBe('1200 people going');
    expect(t('kind', { kind: 'hybrid' })).toBe('Hybrid');
    expect(t('kind', { kind: 'other_kind' })).toBe('other_kind');
  });

  it('keeps angle brackets as text for the renderer to escape', () => {
    expect(translator(CATALOGUES, 'en')('markup', { name: '<i>' })).toBe('<b><i></b>');
  });

  it('returns the same translator for the same area and language', () => {
    expect(translator(CATALOGUES, 'en')).toBe(translator(CATALOGUES, 'en'));
    expect(translator(CATALOGUES, 'ar').language).toBe('ar');
  });

  it('fails loudly for a key a catalogue lacks', () => {
    const partial = { en: { a: 'A' }, ar: {} } as unknown as typeof CATALOGUES;
    expect(() => translator(partial, 'ar')('hello')).toThrow('no message "hello" for ar');
  });
});

import {
  malformedQueryEscape,
  INPUT_LIMITS,
  findInputProblem,
  jsonNestsDeeperThan,
  parseForm,
  stringProblem,
} from './input-limits';

describe('jsonNestsDeeperThan', () => {
  it('counts nesting of arrays and objects', () => {
    expect(jsonNestsDeeperThan('[[[1]]]', 3)).toBe(false);
    expect(jsonNestsDeeperThan('[[[[1]]]]', 3)).toBe(true);
    expect(jsonNestsDeeperThan('{"a":{"b":[{}]}}', 3)).toBe(true);
    expect(jsonNestsDeeperThan('[{}],[{}],[{}]', 2)).toBe(false);
  });

  it('finds 5,000 open brackets without parsing them', () => {
    expect(jsonNestsDeeperThan('['.repeat(5_000), INPUT_LIMITS.depth)).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonNestsDeeperThan(JSON.stringify({ a: '[[[[[[', b: 'say \\"[[[[" ok' }), 2)).toBe(false);
    expect(jsonNestsDeeperThan('["\\\\",[[[1]]]]', 3)).toBe(true);
  });
});

describe('findInputProblem', () => {
  it('names the field that holds a NUL, a lone surrogate or an over-long string', () => {
    expect(findInputProblem({ title: 'a\u0000b' })).toEqual({
      field: 'title',
      problem: 'title must not contain NUL characters',
    });
    expect(findInputProblem({ questions: [{ label: 'ok' }, { label: 'x\ud800' }] })?.field).toBe(
      'questions.1.label',
    );
    expect(findInputProblem({ q: 'é\udc00' }, 'query')?.field).toBe('q');
    expect(findInputProblem({ body: 'x'.repeat(INPUT_LIMITS.stringLength + 1) })?.field).toBe('body');
  });

  it('lets a pasted list of people be as long as the body allows, and no longer', () => {
    const long = 'a@x.org\n'.repeat(20_000);
    expect(findInputProblem({ people: long })).toBeNull();
    expect(findInputProblem({ audience: { people: long } })).toBeNull();
    expect(findInputProblem({ audience: { notes: long } })?.field).toBe('audience.notes');
    const tooLong = 'x'.repeat(INPUT_LIMITS.pastedListLength + 1);
    expect(findInputProblem({ audience: { people: tooLong } })?.field).toBe('audience.people');
  });

  it('names the container of a bad key, of a too long list and of a too deep value', () => {
    expect(findInputProblem({ answers: { 'a\u0000': 'x' } })?.field).toBe('answers');
    expect(findInputProblem({ tags: new Array(INPUT_LIMITS.arrayLength + 1).fill('t') })?.field).toBe('tags');
    let deep: unknown = 1;
    for (let i = 0; i < INPUT_LIMITS.depth + 2; i++) deep = [deep];
    expect(findInputProblem({ x: deep })?.problem).toMatch(/nests deeper/);
  });

  it('passes ordinary text, emoji (paired surrogates) and raw message bytes', () => {
    expect(findInputProblem({ title: 'Café 🏳️‍🌈', n: 1, ok: true, none: null, list: ['a'] })).toBeNull();
    expect(findInputProblem(Buffer.from([0, 0xd8]))).toBeNull();
    expect(stringProblem('𝌆')).toBeNull();
  });
});

describe('parseForm', () => {
  it('keeps repeated fields as a list, and reads a malformed %-escape as U+FFFD instead of throwing', () => {
    expect({ ...parseForm('a=1&a=2&a=3&b=%E0%A4%A&c=x+y') }).toEqual({
      a: ['1', '2', '3'],
      b: '\ufffd%A',
      c: 'x y',
    });
  });
});

describe('malformedQueryEscape', () => {
  it('names the query parameter whose value is not valid percent-encoding', () => {
    expect(malformedQueryEscape('/api/public/events?kind=x&q=%E0%A4%A')).toEqual({
      field: 'q',
      problem: 'q is not valid percent-encoding',
    });
    expect(malformedQueryEscape('/api/public/events?%ZZ=1')).toEqual({
      field: 'query',
      problem: 'query is not valid percent-encoding',
    });
  });

  it('lets well-formed queries through, with + for spaces and escaped UTF-8', () => {
    expect(malformedQueryEscape('/api/public/events?q=caf%C3%A9+bar&x&=')).toBeNull();
    expect(malformedQueryEscape('/api/public/events')).toBeNull();
  });
});

import { displayNameFor, parseAddressList } from './address-list';

describe('parseAddressList', () => {
  it('reads plain addresses separated by commas, semicolons and line breaks', () => {
    const { addresses, invalid } = parseAddressList('a@x.org, b@x.org;c@x.org\nd@x.org\r\ne@x.org\n\n, ;');
    expect(addresses.map((a) => a.email)).toEqual(['a@x.org', 'b@x.org', 'c@x.org', 'd@x.org', 'e@x.org']);
    expect(invalid).toEqual([]);
  });

  it('reads `Name <addr>` and quoted names with commas, without splitting inside them', () => {
    const { addresses, invalid } = parseAddressList(
      'Ada Lovelace <ada@x.org>, "King, Jr." <king@x.org>; "Say \\"hi\\"" <hi@x.org>\n  Bob   Smith<bob@x.org>',
    );
    expect(invalid).toEqual([]);
    expect(addresses).toEqual([
      { email: 'ada@x.org', name: 'Ada Lovelace' },
      { email: 'king@x.org', name: 'King, Jr.' },
      { email: 'hi@x.org', name: 'Say "hi"' },
      { email: 'bob@x.org', name: 'Bob Smith' },
    ]);
  });

  it('collapses duplicates whatever their case, keeping the first spelling and the first name', () => {
    const { addresses } = parseAddressList('Ann@X.org\nann@x.org, "Ann B" <ANN@x.ORG>, Other <ann@x.org>');
    expect(addresses).toEqual([{ email: 'Ann@X.org', name: 'Ann B' }]);
  });

  it('lists every entry that is not an address, once, as written', () => {
    const { addresses, invalid } = parseAddressList(
      'ok@x.org, not-an-address, bob@localhost, Name <broken@>\n<a@x.org, b@x.org\n"Unclosed <u@x.org>, c@x.org\nnot-an-address, two words@x.org',
    );
    expect(addresses.map((a) => a.email)).toEqual(['ok@x.org']);
    expect(invalid).toEqual([
      'not-an-address',
      'bob@localhost',
      'Name <broken@>',
      '<a@x.org, b@x.org',
      '"Unclosed <u@x.org>, c@x.org',
      'two words@x.org',
    ]);
  });

  it('takes the empty list as nobody', () => {
    expect(parseAddressList('  \n ,, ')).toEqual({ addresses: [], invalid: [] });
  });

  it('reads 10,000 entries quickly', () => {
    const text = Array.from({ length: 10_000 }, (_, i) => `Person ${i} <p${i}@example.org>`).join('\n');
    const started = Date.now();
    const { addresses, invalid } = parseAddressList(`${text}\n${text.toUpperCase()}`);
    expect(addresses).toHaveLength(10_000);
    expect(invalid).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('names a new account after the name given, else the local part', () => {
    expect(displayNameFor({ email: 'ada@x.org', name: 'Ada' })).toBe('Ada');
    expect(displayNameFor({ email: 'ada.l@x.org', name: null })).toBe('ada.l');
  });
});

import { isolate } from '@app/i18n';
import { html, safeHref } from './html';

describe('safeHref', () => {
  it.each([
    ['/events/1', '/events/1'],
    ['/rsvp/abc?lang=ar', '/rsvp/abc?lang=ar'],
    ['/', '/'],
    ['https://meet.example.org/room', 'https://meet.example.org/room'],
    ['http://meet.example.org/', 'http://meet.example.org/'],
  ])('keeps %j', (url, expected) => {
    expect(safeHref(url)).toBe(expected);
  });

  it.each([
    // Another host, however it is spelled: browsers read a backslash as a slash and drop tabs and newlines.
    '//evil.example',
    '/\\evil.example',
    '/\\/evil.example',
    '\\\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/a\\..\\..\\/evil.example',
    '/\u0000/evil.example',
    // Not http(s).
    'javascript:alert(1)',
    'data:text/html,x',
    'mailto:someone@example.org',
    'not a url',
    '',
    null,
    undefined,
  ])('refuses %j', (url) => {
    expect(safeHref(url)).toBe('#');
  });

  it('is escaped where it lands', () => {
    expect(html`<a href="${safeHref('/events?a=1&b="x"')}"></a>`.value).toBe(
      '<a href="/events?a=1&amp;b=&quot;x&quot;"></a>',
    );
  });
});

describe('html and isolated values', () => {
  it('turns a catalogue sentence with isolated arguments into escaped text with <bdi>', () => {
    const sentence = `أنت الآن عضو في ${isolate('12 Baker St, Flat <3B>')}.`;
    expect(html`<p>${sentence}</p>`.value).toBe(
      '<p>أنت الآن عضو في <bdi>12 Baker St, Flat &lt;3B&gt;</bdi>.</p>',
    );
  });

  it('drops unpaired isolate marks so the markup stays balanced', () => {
    expect(html`${'a\u2068b'}`.value).toBe('ab');
  });
});

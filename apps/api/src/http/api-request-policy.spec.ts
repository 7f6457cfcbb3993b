import { isSameOriginRequest, mediaType } from './api-request-policy';

const BASE = 'https://hearth.example.org';

describe('isSameOriginRequest', () => {
  it.each([
    [{ 'sec-fetch-site': 'same-origin' }, true],
    [{ 'sec-fetch-site': 'none' }, true],
    [{ 'sec-fetch-site': 'same-site', origin: BASE }, false],
    [{ 'sec-fetch-site': 'cross-site', origin: BASE }, false],
    [{ origin: BASE }, true],
    [{ origin: 'https://hearth.example.org:443' }, true],
    [{ origin: 'http://hearth.example.org' }, false],
    [{ origin: 'https://evil.example' }, false],
    [{ origin: 'https://hearth.example.org.evil.example' }, false],
    [{ origin: 'null' }, false],
    [{ origin: 'not a url' }, false],
    [{ origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' }, true],
    [{ origin: 'http://127.0.0.1:3000', host: 'localhost:3000' }, false],
    [{}, true],
  ])('%j → %s', (headers, expected) => {
    expect(isSameOriginRequest(headers, BASE)).toBe(expected);
  });
});

describe('mediaType', () => {
  it('drops parameters and case', () => {
    expect(mediaType('Application/JSON; charset=utf-8')).toBe('application/json');
  });
});

import { extractReplyToken, REPLY_TOKEN_MAX_LENGTH, REPLY_TOKEN_MIN_LENGTH } from './reply-token';

const TOKEN = 'Zx9-_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789ab'; // 43 chars, like randomToken()

describe('extractReplyToken', () => {
  it.each([
    [`rsvp+${TOKEN}@inbound.hearth.test`],
    [`rsvp+${TOKEN}@INBOUND.Hearth.Test`],
    [`rsvp+${TOKEN}@inbound.hearth.test.`],
    [`RSVP+${TOKEN}@inbound.hearth.test`],
    [`  <rsvp+${TOKEN}@inbound.hearth.test>  `],
    [`MAILTO:rsvp+${TOKEN}@inbound.hearth.test`],
  ])('reads the token of %s, keeping its case', (address) => {
    expect(extractReplyToken(address, 'Inbound.Hearth.test')).toBe(TOKEN);
  });

  it.each([
    ['another domain', `rsvp+${TOKEN}@evil.test`],
    ['a subdomain of the inbound domain', `rsvp+${TOKEN}@x.inbound.hearth.test`],
    ['a look-alike suffix', `rsvp+${TOKEN}@inbound.hearth.test.evil.test`],
    ['another local part', `reply+${TOKEN}@inbound.hearth.test`],
    ['no token', 'rsvp@inbound.hearth.test'],
    ['an empty token', 'rsvp+@inbound.hearth.test'],
    ['characters outside base64url', 'rsvp+abc.def/ghi=jklmnopqrstu@inbound.hearth.test'],
    ['a too short token', `rsvp+${'a'.repeat(REPLY_TOKEN_MIN_LENGTH - 1)}@inbound.hearth.test`],
    ['a too long token', `rsvp+${'a'.repeat(REPLY_TOKEN_MAX_LENGTH + 1)}@inbound.hearth.test`],
    ['a display name', `Hearth <rsvp+${TOKEN}@inbound.hearth.test>`],
    ['two @', `rsvp+${TOKEN}@x@inbound.hearth.test`],
    ['a CRLF', `rsvp+${TOKEN}\r\n@inbound.hearth.test`],
    ['an empty string', ''],
  ])('refuses %s', (_name, address) => {
    expect(extractReplyToken(address, 'inbound.hearth.test')).toBeNull();
  });

  it('accepts the longest token that fits a 64-octet local part', () => {
    const longest = 'a'.repeat(REPLY_TOKEN_MAX_LENGTH);
    expect(`rsvp+${longest}`).toHaveLength(64);
    expect(extractReplyToken(`rsvp+${longest}@d.test`, 'd.test')).toBe(longest);
  });

  it('refuses everything when the inbound domain is empty, and non-strings', () => {
    expect(extractReplyToken(`rsvp+${TOKEN}@`, '')).toBeNull();
    expect(extractReplyToken(undefined as unknown as string, 'd.test')).toBeNull();
  });
});

import {
  extractReplyToken,
  invitationIdFromToken,
  REPLY_TOKEN_MAX_LENGTH,
  REPLY_TOKEN_MIN_LENGTH,
  replyAddress,
  replyToken,
} from './reply-token';

const secret = 's'.repeat(40);
const id = '3f2c1a7e-9b1d-4c2e-8f00-1234567890ab';

describe('reply tokens', () => {
  it('round-trips, case-insensitively, within the local-part limit', () => {
    const token = replyToken(id, secret);
    expect(invitationIdFromToken(token, secret)).toBe(id);
    expect(invitationIdFromToken(token.toUpperCase(), secret)).toBe(id);
    expect(replyAddress(id, secret, 'hearth.example').split('@')[0].length).toBeLessThanOrEqual(64);
  });

  it('refuses a forged or truncated token and another secret', () => {
    const token = replyToken(id, secret);
    const other = replyToken('00000000-0000-0000-0000-000000000000', secret);
    expect(invitationIdFromToken(token.slice(0, 32) + other.slice(32), secret)).toBeNull();
    expect(invitationIdFromToken(token.slice(0, -1), secret)).toBeNull();
    expect(invitationIdFromToken(token, 't'.repeat(40))).toBeNull();
    expect(invitationIdFromToken('not a token', secret)).toBeNull();
  });

  it('issues 52 lower-case hex characters, which the address reader finds and the verifier accepts', () => {
    const token = replyToken(id.toUpperCase(), secret);
    expect(token).toMatch(/^[0-9a-f]{52}$/);
    const found = extractReplyToken(replyAddress(id, secret, 'hearth.example'), 'hearth.example');
    expect(found).toBe(token);
    expect(invitationIdFromToken(found ?? '', secret)).toBe(id);
  });
});

// Not one of ours (those are 52 lower-case hex characters): extraction is looser than verification.
const TOKEN = 'Zx9-_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789ab';

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

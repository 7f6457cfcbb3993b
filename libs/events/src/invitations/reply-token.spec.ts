import { invitationIdFromToken, replyAddress, replyToken } from './reply-token';

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
});

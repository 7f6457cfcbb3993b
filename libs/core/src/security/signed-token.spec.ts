import { signToken, verifyToken } from './signed-token';

const secret = 'x'.repeat(40);
const now = new Date('2026-11-21T10:00:00Z');
const exp = now.getTime() / 1000 + 60;

describe('signed tokens', () => {
  it('verifies a token for its purpose before expiry', () => {
    const token = signToken({ purpose: 'rsvp-link', sub: 'user-1', exp, event: 'e1' }, secret);
    const result = verifyToken(token, secret, 'rsvp-link', now);
    expect(result).toEqual({ ok: true, claims: { purpose: 'rsvp-link', sub: 'user-1', exp, event: 'e1' } });
  });

  it('refuses another purpose, expiry, tampering and another secret', () => {
    const token = signToken({ purpose: 'rsvp-link', sub: 'user-1', exp }, secret);
    expect(verifyToken(token, secret, 'unsubscribe', now)).toEqual({ ok: false, reason: 'wrong_purpose' });
    expect(verifyToken(token, secret, 'rsvp-link', new Date(exp * 1000))).toEqual({
      ok: false,
      reason: 'expired',
    });
    const [body, sig] = token.split('.');
    const forged = Buffer.from(
      Buffer.from(body, 'base64url').toString().replace('user-1', 'user-2'),
    ).toString('base64url');
    expect(verifyToken(`${forged}.${sig}`, secret, 'rsvp-link', now)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verifyToken(token, 'y'.repeat(40), 'rsvp-link', now)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verifyToken('garbage', secret, 'rsvp-link', now)).toEqual({ ok: false, reason: 'malformed' });
  });
});

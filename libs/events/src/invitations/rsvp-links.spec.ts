import { signToken } from '@app/core';
import { isRsvpLinkAnswer, RSVP_LINK_TTL_S, rsvpLinkUrl, signRsvpLink, verifyRsvpLink } from './rsvp-links';

const SECRET = 'unit-test-secret-0123456789abcdefghijkl';
const USER = '3f0e0c2a-6a53-4c2e-9d59-0d6c5b8a1f00';
const EVENT = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
const NOW = new Date('2026-03-01T12:00:00Z');

describe('one-click RSVP link tokens', () => {
  it('round-trips the person and the event, and expires after 90 days', () => {
    const token = signRsvpLink(USER, EVENT, SECRET, NOW);
    expect(verifyRsvpLink(token, SECRET, NOW)).toEqual({ ok: true, userId: USER, eventId: EVENT });
    const later = new Date(NOW.getTime() + RSVP_LINK_TTL_S * 1000);
    expect(verifyRsvpLink(token, SECRET, later)).toEqual({ ok: false, reason: 'expired' });
  });

  it('reads the tokens the invitations service writes (same purpose and claims)', () => {
    const exp = Math.floor(NOW.getTime() / 1000) + 60;
    const token = signToken({ purpose: 'rsvp-link', sub: USER, event: EVENT, exp }, SECRET);
    expect(verifyRsvpLink(token, SECRET, NOW)).toMatchObject({ ok: true, eventId: EVENT });
  });

  it.each([
    ['another secret', signRsvpLink(USER, EVENT, `${SECRET}!`, NOW), 'bad_signature'],
    [
      'another purpose',
      signToken({ purpose: 'unsubscribe', sub: USER, event: EVENT, exp: 2e9 }, SECRET),
      'wrong_purpose',
    ],
    ['no event', signToken({ purpose: 'rsvp-link', sub: USER, exp: 2e9 }, SECRET), 'malformed'],
    [
      'a subject that is not an id',
      signToken({ purpose: 'rsvp-link', sub: 'x', event: EVENT, exp: 2e9 }, SECRET),
      'malformed',
    ],
    ['garbage', 'not-a-token', 'malformed'],
    ['a huge string', 'a'.repeat(5000), 'malformed'],
  ])('refuses %s', (_name, token, reason) => {
    expect(verifyRsvpLink(token, SECRET, NOW)).toEqual({ ok: false, reason });
  });

  it('builds the link and knows the three answers', () => {
    expect(rsvpLinkUrl('https://h.example', 'tok', 'maybe')).toBe('https://h.example/rsvp/tok?answer=maybe');
    expect(['going', 'maybe', 'declined'].every(isRsvpLinkAnswer)).toBe(true);
    expect(isRsvpLinkAnswer('yes')).toBe(false);
  });
});

import { InboundParseResult } from './inbound.types';
import { parseInboundEmail } from './parse/parse-inbound';
import { buildReplyMessage, calendarBytes, replyCalendarLines } from '../../../test/support/malformed-mail';
import { decideReply, InvitationFacts, TokenLookup } from './decide-reply';

const DOMAIN = 'hearth.test';
const INVITED: InvitationFacts = {
  id: '11111111-1111-4111-8111-111111111111',
  eventId: '22222222-2222-4222-8222-222222222222',
  userId: '33333333-3333-4333-8333-333333333333',
  email: 'Member@Example.org',
  revoked: false,
  lastSequenceSent: 2,
  contentSequence: 2,
  calendarUid: 'event-1@hearth.test',
  eventKind: 'in_person',
  currentMode: null,
  // Not the times test/support's replies carry (2026-01-10 18:00–20:00Z): the event has moved since.
  startsAt: new Date('2026-01-17T18:00:00Z'),
  endsAt: new Date('2026-01-17T20:00:00Z'),
  seriesId: '55555555-5555-4555-8555-555555555555',
};
/** The event as the support replies' DTSTART/DTEND describe it. */
const AS_REPLIED = {
  startsAt: new Date('2026-01-10T18:00:00Z'),
  endsAt: new Date('2026-01-10T20:00:00Z'),
};
const ORGANIZER = `rsvp+${'a'.repeat(52)}@${DOMAIN}`;
const lookup = (over: Partial<TokenLookup> = {}): TokenLookup => ({
  source: 'envelope',
  tokens: ['a'.repeat(52)],
  invitations: [INVITED],
  organizerInvitationId: INVITED.id,
  ...over,
});

async function parsed(
  over: {
    from?: string;
    attendee?: string;
    uid?: string;
    partstat?: string;
    sequence?: number;
    method?: string;
    /** Replaces the DTSTART and DTEND lines. */
    times?: string[];
  } = {},
  extra: string[] = [],
  headers: string[] = [],
): Promise<InboundParseResult> {
  const lines = replyCalendarLines({
    organizer: ORGANIZER,
    attendee: over.attendee ?? 'member@example.org',
    uid: over.uid ?? INVITED.calendarUid,
    partstat: over.partstat ?? 'ACCEPTED',
    sequence: over.sequence ?? 2,
    method: over.method ?? 'REPLY',
  });
  lines.splice(lines.indexOf('END:VEVENT'), 0, ...extra);
  if (over.times) lines.splice(lines.indexOf('DTSTART:20260110T180000Z'), 2, ...over.times);
  const raw = buildReplyMessage({
    from: over.from ?? 'Member <member@example.org>',
    to: ORGANIZER,
    calendar: calendarBytes(lines),
    extraHeaders: headers,
  });
  return parseInboundEmail(raw, {
    inboundDomain: DOMAIN,
    ownAddresses: ['no-reply@hearth.test'],
    maxBytes: 1 << 20,
  });
}

describe('decideReply', () => {
  it.each([
    ['ACCEPTED', 'going'],
    ['TENTATIVE', 'maybe'],
    ['DECLINED', 'declined'],
  ])('applies a verified %s as %s', async (partstat, answer) => {
    expect(decideReply(await parsed({ partstat }), lookup())).toMatchObject({
      outcome: 'apply',
      answer,
      invitation: INVITED,
    });
  });

  it('applies DELEGATED as declined, keeping whom it went to', async () => {
    const p = await parsed({}, [], []);
    if (!p.ok || p.intent.kind !== 'rsvp') throw new Error('expected an answer');
    const delegated = {
      ...p,
      intent: { ...p.intent, partstat: 'DELEGATED' as const, delegatedTo: ['f@x.org'] },
    };
    expect(decideReply(delegated, lookup())).toMatchObject({ outcome: 'apply', answer: 'declined' });
  });

  it('compares the invited address case-insensitively and accepts a newer SEQUENCE', async () => {
    expect(
      decideReply(await parsed({ attendee: 'MEMBER@example.ORG', sequence: 9 }), lookup()),
    ).toMatchObject({
      outcome: 'apply',
    });
  });

  it.each([
    [
      'an ATTENDEE who is not the invited person',
      { attendee: 'other@example.org', from: 'other@example.org' },
      'attendee_mismatch',
    ],
    ['a From that is not the ATTENDEE', { from: 'someone@evil.example' }, 'from_mismatch'],
    ['the UID of another event', { uid: 'event-2@hearth.test' }, 'uid_mismatch'],
  ])('quarantines %s', async (_name, over, reason) => {
    expect(decideReply(await parsed(over), lookup())).toMatchObject({ outcome: 'quarantined', reason });
  });

  it('quarantines an ORGANIZER naming another invitation, or one whose token does not verify', async () => {
    const p = await parsed();
    expect(
      decideReply(p, lookup({ organizerInvitationId: '99999999-9999-4999-8999-999999999999' })),
    ).toMatchObject({
      outcome: 'quarantined',
      reason: 'organizer_mismatch',
    });
    expect(decideReply(p, lookup({ organizerInvitationId: null }))).toMatchObject({
      reason: 'organizer_mismatch',
    });
    expect(decideReply(p, lookup({ organizerInvitationId: undefined }))).toMatchObject({ outcome: 'apply' });
  });

  it('quarantines an answer for several people, and one addressed to several invitations', async () => {
    const two = await parsed({}, ['ATTENDEE;PARTSTAT=ACCEPTED:mailto:friend@example.org']);
    expect(decideReply(two, lookup())).toMatchObject({
      outcome: 'quarantined',
      reason: 'multiple_attendees',
    });
    expect(decideReply(two, lookup({ invitations: [] }))).toMatchObject({ outcome: 'rejected' });
    const other = { ...INVITED, id: '44444444-4444-4444-8444-444444444444' };
    expect(decideReply(await parsed(), lookup({ invitations: [INVITED, other] }))).toMatchObject({
      outcome: 'quarantined',
      reason: 'ambiguous_recipient',
      invitation: null,
    });
  });

  it('rejects no, unknown and revoked reply addresses', async () => {
    const p = await parsed();
    expect(decideReply(p, lookup({ tokens: [], invitations: [], source: null }))).toMatchObject({
      outcome: 'rejected',
      reason: 'no_token',
    });
    expect(decideReply(p, lookup({ invitations: [] }))).toMatchObject({
      outcome: 'rejected',
      reason: 'unknown_token',
    });
    expect(decideReply(p, lookup({ invitations: [{ ...INVITED, revoked: true }] }))).toMatchObject({
      outcome: 'rejected',
      reason: 'revoked_invitation',
    });
  });

  it('ignores an answer to an outdated invitation', async () => {
    expect(decideReply(await parsed({ sequence: 1 }), lookup())).toMatchObject({
      outcome: 'ignored',
      reason: 'stale_sequence',
    });
    expect(
      decideReply(
        await parsed({ sequence: 0 }),
        lookup({ invitations: [{ ...INVITED, lastSequenceSent: null, contentSequence: null }] }),
      ),
    ).toMatchObject({ outcome: 'apply' });
    // Only copies that changed the event count: after the confirmation of an earlier answer (a
    // personal REQUEST at 3), a later answer from the copy at 2 still applies.
    const confirmed = lookup({ invitations: [{ ...INVITED, lastSequenceSent: 3, contentSequence: 2 }] });
    expect(decideReply(await parsed({ sequence: 2 }), confirmed)).toMatchObject({ outcome: 'apply' });
    expect(decideReply(await parsed({ sequence: 1 }), confirmed)).toMatchObject({
      outcome: 'ignored',
      reason: 'stale_sequence',
    });
    // Invitations from before the distinction: every copy sent counts.
    expect(
      decideReply(
        await parsed({ sequence: 2 }),
        lookup({ invitations: [{ ...INVITED, lastSequenceSent: 3, contentSequence: null }] }),
      ),
    ).toMatchObject({ outcome: 'ignored', reason: 'stale_sequence' });
  });

  describe('an older SEQUENCE from a copy whose times are the event’s now', () => {
    const current = lookup({ invitations: [{ ...INVITED, ...AS_REPLIED }] });

    it('applies it: DTSTART and DTEND in UTC are the event’s start and end', async () => {
      expect(decideReply(await parsed({ sequence: 0 }), current)).toMatchObject({
        outcome: 'apply',
        answer: 'going',
        staleButCurrent: true,
      });
    });

    it('compares instants: a TZID the calendar defines, an IANA TZID, DURATION', async () => {
      const berlin = [
        'DTSTART;TZID=Europe/Berlin:20260110T190000',
        'DTEND;TZID=Europe/Berlin:20260110T210000',
      ];
      expect(decideReply(await parsed({ sequence: 0, times: berlin }), current)).toMatchObject({
        outcome: 'apply',
        staleButCurrent: true,
      });
      const duration = ['DTSTART:20260110T180000Z', 'DURATION:PT2H'];
      expect(decideReply(await parsed({ sequence: 0, times: duration }), current)).toMatchObject({
        outcome: 'apply',
      });
    });

    it('does not apply it when the end differs, a time is floating, or the times are missing', async () => {
      const cases = [
        ['DTSTART:20260110T180000Z', 'DTEND:20260110T210000Z'],
        ['DTSTART:20260110T190000', 'DTEND:20260110T210000'],
        ['DTSTART:20260110T180000Z'],
        [],
      ];
      for (const times of cases)
        expect(decideReply(await parsed({ sequence: 0, times }), current)).toMatchObject({
          outcome: 'ignored',
          reason: 'stale_sequence',
        });
    });

    it('keeps a stale proposal ignored (its times are the proposal, not the version it answers)', async () => {
      expect(decideReply(await parsed({ sequence: 0, method: 'COUNTER' }), current)).toMatchObject({
        outcome: 'ignored',
        reason: 'stale_sequence',
      });
    });
  });

  describe('RECURRENCE-ID', () => {
    const SIBLING: InvitationFacts = {
      ...INVITED,
      id: '66666666-6666-4666-8666-666666666666',
      eventId: '77777777-7777-4777-8777-777777777777',
      calendarUid: 'event-2@hearth.test',
      startsAt: new Date('2026-01-24T18:00:00Z'),
      endsAt: new Date('2026-01-24T20:00:00Z'),
    };

    it('answers the event itself when it is the event’s start (UTC or a TZID)', async () => {
      for (const rid of [
        'RECURRENCE-ID:20260117T180000Z',
        'RECURRENCE-ID;TZID=Europe/Berlin:20260117T190000',
      ])
        expect(decideReply(await parsed({}, [rid]), lookup())).toMatchObject({
          outcome: 'apply',
          invitation: INVITED,
        });
    });

    it('answers a sibling occurrence the person is invited to, judged against that occurrence', async () => {
      const p = await parsed({ sequence: 5 }, ['RECURRENCE-ID:20260124T180000Z']);
      expect(
        decideReply(p, lookup({ occurrence: { eventId: SIBLING.eventId, invitation: SIBLING } })),
      ).toMatchObject({ outcome: 'apply', answer: 'going', invitation: SIBLING });
      const older = await parsed({ sequence: 0 }, ['RECURRENCE-ID:20260124T180000Z']);
      expect(
        decideReply(older, lookup({ occurrence: { eventId: SIBLING.eventId, invitation: SIBLING } })),
      ).toMatchObject({ outcome: 'ignored', reason: 'stale_sequence', invitation: SIBLING });
    });

    it('quarantines a sibling occurrence the person is not invited to (or was removed from)', async () => {
      const p = await parsed({}, ['RECURRENCE-ID:20260124T180000Z']);
      for (const invitation of [null, { ...SIBLING, revoked: true }])
        expect(
          decideReply(p, lookup({ occurrence: { eventId: SIBLING.eventId, invitation } })),
        ).toMatchObject({
          outcome: 'quarantined',
          reason: 'recurrence_not_invited',
          invitation: INVITED,
          occurrenceEventId: SIBLING.eventId,
        });
    });

    it('quarantines an instant that is no occurrence, a floating one and a date', async () => {
      for (const rid of [
        'RECURRENCE-ID:20260131T180000Z',
        'RECURRENCE-ID:20260117T180000',
        'RECURRENCE-ID;VALUE=DATE:20260117',
      ])
        expect(decideReply(await parsed({}, [rid]), lookup({ occurrence: null }))).toMatchObject({
          outcome: 'quarantined',
          reason: 'recurrence_unknown',
        });
    });
  });

  it('keeps a COUNTER as a proposal and changes nothing', async () => {
    const counter = await parsed({ method: 'COUNTER' });
    expect(decideReply(counter, lookup())).toMatchObject({
      outcome: 'proposal',
      intent: { kind: 'proposal' },
    });
  });

  it('drops automatic mail before looking at any address, and rejects malformed mail', async () => {
    expect(decideReply(await parsed({}, [], ['Auto-Submitted: auto-replied']), lookup())).toMatchObject({
      outcome: 'dropped',
      reason: 'auto_reply',
      invitation: null,
    });
    expect(decideReply(await parsed({ from: 'no-reply@hearth.test' }), lookup())).toMatchObject({
      outcome: 'dropped',
      reason: 'loop',
    });
    expect(decideReply(await parsed({ method: 'REQUEST' }), lookup())).toMatchObject({
      outcome: 'rejected',
      reason: 'not_reply',
      invitation: INVITED,
    });
  });
});

import { InboundParseResult, parseInboundEmail } from '@app/mail';
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

  it('ignores an answer to an outdated invitation, and an answer for one occurrence', async () => {
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
    expect(decideReply(await parsed({}, ['RECURRENCE-ID:20260110T180000Z']), lookup())).toMatchObject({
      outcome: 'ignored',
      reason: 'recurrence_not_supported',
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

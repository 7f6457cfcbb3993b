import { decideGroupAccess } from '@app/community';
import { decideEventView } from './event-visibility';

const event = {
  status: 'scheduled' as const,
  locationVisibility: 'attendees' as const,
  attendeeVisibility: 'organizers' as const,
};
const publicGroup = (role: 'member' | 'organizer' | null) =>
  decideGroupAccess('public', role ? { role, status: 'active' } : null);

describe('decideEventView', () => {
  it('shows the address only to confirmed attendees and organizers by default', () => {
    expect(decideEventView(event, publicGroup(null), null).canSeeLocation).toBe(false);
    expect(decideEventView(event, publicGroup('member'), null).canSeeLocation).toBe(false);
    expect(decideEventView(event, publicGroup('member'), 'waitlisted').canSeeLocation).toBe(false);
    expect(decideEventView(event, publicGroup('member'), 'pending_approval').canSeeLocation).toBe(false);
    expect(decideEventView(event, publicGroup('member'), 'maybe').canSeeLocation).toBe(false);
    expect(decideEventView(event, publicGroup('member'), 'going').canSeeLocation).toBe(true);
    expect(decideEventView(event, publicGroup('organizer'), null).canSeeLocation).toBe(true);
  });

  it('shows nothing of a private group event to anyone whose membership is not active', () => {
    const open = { ...event, locationVisibility: 'public' as const };
    for (const status of ['pending', 'banned'] as const) {
      const access = decideGroupAccess('private', { role: 'member', status });
      // Even an RSVP kept from an earlier active membership shows nothing.
      expect(decideEventView(open, access, 'going')).toMatchObject({ canSee: false, canSeeLocation: false });
    }
    expect(decideEventView(open, decideGroupAccess('private', null), null).canSee).toBe(false);
    const member = decideGroupAccess('private', { role: 'member', status: 'active' });
    expect(decideEventView(open, member, null).canSee).toBe(true);
  });

  it('honours members-only and public settings', () => {
    const members = { ...event, locationVisibility: 'members' as const };
    expect(decideEventView(members, publicGroup(null), 'going').canSeeLocation).toBe(false);
    expect(decideEventView(members, publicGroup('member'), null).canSeeLocation).toBe(true);
    expect(
      decideEventView({ ...event, locationVisibility: 'public' }, publicGroup(null), null).canSeeLocation,
    ).toBe(true);
  });

  it('keeps drafts to organizers and attendee lists to what the event opts into', () => {
    expect(decideEventView({ ...event, status: 'draft' }, publicGroup('member'), null).canSee).toBe(false);
    expect(decideEventView({ ...event, status: 'draft' }, publicGroup('organizer'), null).canSee).toBe(true);
    expect(decideEventView(event, publicGroup('member'), 'going').attendees).toBe('none');
    expect(
      decideEventView({ ...event, attendeeVisibility: 'count' }, publicGroup(null), null).attendees,
    ).toBe('count');
    expect(decideEventView(event, publicGroup('organizer'), null).attendees).toBe('all');
  });

  it('hides a private group event from outsiders entirely', () => {
    expect(decideEventView(event, decideGroupAccess('private', null), null).canSee).toBe(false);
  });

  it('lets an invited guest see that event of a private group, its venue only by the rule, never when banned', () => {
    const outsider = decideGroupAccess('private', null);
    expect(decideEventView(event, outsider, null, true)).toMatchObject({
      canSee: true,
      canSeeLocation: false,
    });
    expect(decideEventView(event, outsider, 'going', true).canSeeLocation).toBe(true);
    const members = { ...event, locationVisibility: 'members' as const };
    expect(decideEventView(members, outsider, 'going', true).canSeeLocation).toBe(false);
    expect(decideEventView({ ...event, status: 'draft' }, outsider, null, true).canSee).toBe(false);
    const banned = decideGroupAccess('private', { role: 'member', status: 'banned' });
    expect(decideEventView(event, banned, null, true).canSee).toBe(false);
  });

  it('shows an invited guest of a private group at most how many attend, never who', () => {
    const outsider = decideGroupAccess('private', null);
    const named = { ...event, attendeeVisibility: 'names' as const };
    expect(decideEventView(named, outsider, 'going', true).attendees).toBe('count');
    expect(decideEventView({ ...event, attendeeVisibility: 'count' }, outsider, null, true).attendees).toBe(
      'count',
    );
    expect(decideEventView(event, outsider, 'going', true).attendees).toBe('none');
    // Members of the private group, and anyone who may view a public group, still see the names.
    const member = decideGroupAccess('private', { role: 'member', status: 'active' });
    expect(decideEventView(named, member, null).attendees).toBe('names');
    expect(decideEventView(named, member, null, true).attendees).toBe('names');
    expect(decideEventView(named, publicGroup(null), null, true).attendees).toBe('names');
  });
});

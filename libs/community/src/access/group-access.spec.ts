import { decideGroupAccess } from './group-access';

describe('decideGroupAccess', () => {
  it('hides a private group from everyone but its active members', () => {
    expect(decideGroupAccess('private', null).canView).toBe(false);
    expect(decideGroupAccess('private', { role: 'member', status: 'banned' }).canView).toBe(false);
    expect(decideGroupAccess('private', { role: 'member', status: 'pending' }).canView).toBe(false);
    expect(decideGroupAccess('private', { role: 'organizer', status: 'pending' }).canView).toBe(false);
    expect(decideGroupAccess('private', { role: 'member', status: 'active' }).canView).toBe(true);
  });

  it('lets anyone see public and unlisted groups, whatever their membership', () => {
    expect(decideGroupAccess('public', { role: 'member', status: 'pending' }).canView).toBe(true);
    expect(decideGroupAccess('unlisted', null).canView).toBe(true);
  });

  it('gives editing to organizers and owners only, and only while active', () => {
    expect(decideGroupAccess('public', { role: 'member', status: 'active' }).canEdit).toBe(false);
    expect(decideGroupAccess('public', { role: 'moderator', status: 'active' }).canEdit).toBe(false);
    expect(decideGroupAccess('public', { role: 'organizer', status: 'active' }).canEdit).toBe(true);
    expect(decideGroupAccess('public', { role: 'owner', status: 'active' }).canEdit).toBe(true);
    expect(decideGroupAccess('public', { role: 'organizer', status: 'banned' }).canEdit).toBe(false);
    expect(decideGroupAccess('public', { role: 'organizer', status: 'pending' }).canEdit).toBe(false);
  });

  it('lets moderators moderate and see members but not edit', () => {
    const access = decideGroupAccess('unlisted', { role: 'moderator', status: 'active' });
    expect(access).toMatchObject({ canModerate: true, canSeeMembers: true, canManageMembers: false });
  });
});

import { decideGroupAccess } from '../access/group-access';
import {
  canReadTopics,
  canSeeTopic,
  refusePostEdit,
  refuseTopicAbility,
  refuseTopicEdit,
} from './topic-rules';

const stranger = decideGroupAccess('private', null);
const pending = decideGroupAccess('private', { role: 'member', status: 'pending' });
const privateMember = decideGroupAccess('private', { role: 'member', status: 'active' });
const member = decideGroupAccess('public', { role: 'member', status: 'active' });
const moderator = decideGroupAccess('public', { role: 'moderator', status: 'active' });
const bannedInPublic = decideGroupAccess('public', { role: 'moderator', status: 'banned' });
const anonymousInPublic = decideGroupAccess('public', null);

describe('topic visibility', () => {
  it("keeps a private group's topics from strangers and pending members", () => {
    expect(canReadTopics('private', stranger)).toBe(false);
    expect(canReadTopics('private', pending)).toBe(false);
    expect(canReadTopics('private', privateMember)).toBe(true);
  });

  it('lets anyone who can see a public or unlisted group read its topics', () => {
    expect(canReadTopics('public', anonymousInPublic)).toBe(true);
    expect(canReadTopics('unlisted', decideGroupAccess('unlisted', null))).toBe(true);
  });

  it('shows hidden topics to moderators only', () => {
    expect(canSeeTopic('public', member, 'hidden')).toBe(false);
    expect(canSeeTopic('public', anonymousInPublic, 'hidden')).toBe(false);
    expect(canSeeTopic('public', moderator, 'hidden')).toBe(true);
    expect(canSeeTopic('public', member, 'locked')).toBe(true);
  });
});

describe('topic abilities', () => {
  it('needs an active membership to post, and an open topic', () => {
    expect(refuseTopicAbility(member, 'open', 'post', true)).toBeNull();
    expect(refuseTopicAbility(anonymousInPublic, 'open', 'post', false)).toBe('UNAUTHENTICATED');
    expect(refuseTopicAbility(bannedInPublic, 'open', 'post', true)).toBe('FORBIDDEN');
    expect(refuseTopicAbility(member, 'locked', 'post', true)).toBe('TOPIC_LOCKED');
    expect(refuseTopicAbility(moderator, 'locked', 'post', true)).toBe('TOPIC_LOCKED');
  });

  it('reserves moderation for moderators, and never for a banned moderator', () => {
    expect(refuseTopicAbility(moderator, 'open', 'moderate', true)).toBeNull();
    expect(refuseTopicAbility(member, 'open', 'moderate', true)).toBe('FORBIDDEN');
    expect(refuseTopicAbility(bannedInPublic, 'open', 'moderate', true)).toBe('FORBIDDEN');
  });

  it('lets the author edit an open topic and a moderator edit any', () => {
    expect(refuseTopicEdit(member, 'open', true)).toBeNull();
    expect(refuseTopicEdit(member, 'open', false)).toBe('FORBIDDEN');
    expect(refuseTopicEdit(member, 'locked', true)).toBe('TOPIC_LOCKED');
    expect(refuseTopicEdit(moderator, 'locked', false)).toBeNull();
    expect(refuseTopicEdit(bannedInPublic, 'open', true)).toBe('FORBIDDEN');
  });

  it('never lets anyone but the author rewrite a post, not even a moderator', () => {
    expect(refusePostEdit(member, 'open', true)).toBeNull();
    expect(refusePostEdit(moderator, 'open', false)).toBe('FORBIDDEN');
    expect(refusePostEdit(member, 'locked', true)).toBe('TOPIC_LOCKED');
  });
});

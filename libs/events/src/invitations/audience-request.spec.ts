import { DomainError } from '@app/core';
import { audienceOf, readPeople } from './audience-request';

describe('audience requests', () => {
  it('refuses a list with bad entries, naming them under the field given', () => {
    let error: unknown;
    try {
      readPeople({ people: 'a@x.org, nope\n"Open <b@x.org>' }, 'audience.people');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    const refusal = error as DomainError;
    expect(refusal.code).toBe('AUDIENCE_INVALID');
    expect(refusal.details).toMatchObject({
      invalid: ['nope', '"Open <b@x.org>'],
      invalidCount: 2,
      fields: [{ field: 'audience.people' }],
    });
    expect(readPeople({ people: 'a@x.org' }, 'people').addresses).toHaveLength(1);
    expect(readPeople({}, 'people').addresses).toEqual([]);
  });

  it('builds the Audience: the topic only when asked for, and refused when there is none', () => {
    expect(audienceOf({ topicParticipants: true, roles: ['moderator'] }, 't1', ['u1'])).toEqual({
      topicId: 't1',
      allMembers: false,
      roles: ['moderator'],
      userIds: ['u1'],
    });
    expect(audienceOf({ allMembers: true }, 't1', []).topicId).toBeNull();
    expect(() => audienceOf({ topicParticipants: true }, null, [])).toThrow(DomainError);
  });
});

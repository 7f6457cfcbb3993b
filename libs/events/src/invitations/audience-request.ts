import { DomainError } from '@app/core';
import type { GroupRole } from '@app/community';
import { eventsError } from '../events.errors';
import { AddressList, parseAddressList } from './address-list';
import { Audience } from './audience';

/** An audience as organizers give it: parts to combine, named people as a pasted list. */
export interface AudienceRequest {
  /** The participants of the topic the event grows from (its author, posters and followers). */
  topicParticipants?: boolean;
  allMembers?: boolean;
  roles?: GroupRole[];
  /** Addresses separated by commas, semicolons or line breaks: `addr`, `Name <addr>`, `"Name, Jr." <addr>`. */
  people?: string;
}

/** How many of the bad entries an error or a preview names (the error's count says how many in all). */
export const INVALID_LISTED = 100;

/** How many people one request may name (members or not); more refuses the request (422). */
export const MAX_NAMED = 10_000;

/** The pasted people of a request, at most MAX_NAMED of them (422 otherwise), invalid entries kept. */
export function parsePeople(request: AudienceRequest, field: string): AddressList {
  const list = parseAddressList(request.people ?? '');
  if (list.addresses.length > MAX_NAMED)
    throw eventsError('AUDIENCE_INVALID', `At most ${MAX_NAMED} people can be named at once`, {
      fields: [{ field, problems: [`names ${list.addresses.length} people; at most ${MAX_NAMED}`] }],
    });
  return list;
}

/** The pasted people of a request; any entry that is not an address refuses it all (422 naming them). */
export function readPeople(request: AudienceRequest, field: string): AddressList {
  const list = parsePeople(request, field);
  if (list.invalid.length > 0) {
    const listed = list.invalid.slice(0, INVALID_LISTED);
    throw eventsError('AUDIENCE_INVALID', `${list.invalid.length} entries are not email addresses`, {
      fields: [{ field, problems: listed.map((entry) => `not an email address: ${entry}`) }],
      invalid: listed,
      invalidCount: list.invalid.length,
    });
  }
  return list;
}

/** The Audience of a request once its people are accounts; topic participants need a topic. */
export function audienceOf(request: AudienceRequest, topicId: string | null, userIds: string[]): Audience {
  if (request.topicParticipants && !topicId)
    throw new DomainError('VALIDATION_FAILED', 'This event does not grow from a topic', {
      fields: [{ field: 'topicParticipants', problems: ['needs a topic (a series, or topicId)'] }],
    });
  return {
    topicId: request.topicParticipants ? topicId : null,
    allMembers: request.allMembers === true,
    roles: request.roles ?? [],
    userIds,
  };
}

import {
  ANNOUNCEMENTS_UNSUBSCRIBE_PURPOSE,
  AnnouncementItemRow,
  AnnouncementRecipient,
} from '@app/community';
import { signToken } from '@app/core';
import { AnnouncedEventLookup } from '@app/events';
import { AnnouncementGroup, listUnsubscribeHeaders, renderAnnouncementMail } from '@app/notifications';
import { OutgoingMail } from '@app/mail';

const UNSUBSCRIBE_TTL_S = 180 * 24 * 3600;

export interface MailContext {
  base: string;
  secret: string;
  now: Date;
  events: AnnouncedEventLookup;
}

/**
 * What of these items this member may hear of, as one group section: not their own, no hidden or
 * deleted topic, and events only as decideEventView lets them see them (via the lookup).
 */
export function sectionFor(
  recipient: AnnouncementRecipient,
  items: AnnouncementItemRow[],
  context: MailContext,
): AnnouncementGroup {
  const section: AnnouncementGroup = { groupName: recipient.groupName, topics: [], events: [] };
  for (const item of items) {
    if (item.authorId === recipient.userId) continue;
    if (item.kind === 'topic') {
      if (item.topicTitle === null || item.topicStatus === null || item.topicStatus === 'hidden') continue;
      section.topics.push({ title: item.topicTitle, url: `${context.base}/topics/${item.itemId}` });
    } else {
      const event = context.events(item.itemId, recipient);
      if (event) section.events.push(event);
    }
  }
  return section;
}

/** One mail to one person; RFC 8058 one-click unsubscribe (https only) quiets the groups it speaks for. */
export function announcementMail(
  kind: 'digest' | 'immediate',
  person: AnnouncementRecipient,
  groups: Array<{ groupId: string; section: AnnouncementGroup }>,
  context: MailContext,
): OutgoingMail {
  const rendered = renderAnnouncementMail({
    kind,
    locale: person.locale,
    timeZone: person.timezone,
    recipientName: person.displayName,
    groups: groups.map((g) => g.section),
    settingsUrl: `${context.base}/account/announcements`,
  });
  const headers: Record<string, string> = {};
  if (context.base.startsWith('https://')) {
    const token = signToken(
      {
        purpose: ANNOUNCEMENTS_UNSUBSCRIBE_PURPOSE,
        sub: person.userId,
        groups: groups.map((g) => g.groupId).join(','),
        exp: Math.floor(context.now.getTime() / 1000) + UNSUBSCRIBE_TTL_S,
      },
      context.secret,
    );
    Object.assign(headers, listUnsubscribeHeaders(`${context.base}/api/unsubscribe/announcements/${token}`));
  }
  return {
    purpose: kind === 'digest' ? 'announcement_digest' : 'announcement',
    to: person.email,
    userId: person.userId,
    ...rendered,
    headers,
  };
}

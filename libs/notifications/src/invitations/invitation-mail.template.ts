import { CalendarEventData, eventLabels, httpUrl } from '@app/calendar';
import { formatDateTime, formatRange, isolate, sameWallClock, timeContext, toLanguage } from '@app/i18n';
import { HtmlLink, RenderedMail, renderHtml, withPlainText } from '../layout';
import { MailTranslate, mailWords } from '../mail-words';
import { EventChange, InvitationMailKind, ReminderLead } from './invitation-mail.kinds';

/**
 * One-click answer pages. They must open a page whose button POSTs: mail scanners prefetch links
 * (DESIGN §5), so a GET must never change the RSVP.
 */
export interface RsvpLinks {
  going: string;
  maybe: string;
  cantGo: string;
}

interface InvitationMailBase {
  /** Recipient's locale (BCP 47); chooses the language and the date format. */
  locale?: string | null;
  /** Recipient's IANA zone; times are shown in it (falls back to the event's zone). */
  timeZone?: string | null;
  recipientName?: string | null;
  groupName: string;
  /** The event as this recipient may see it: the same object given to `buildInvitationIcs`. */
  event: CalendarEventData;
  /** Shown for invitation, update, waitlisted, confirmed and reminder mails when given. */
  rsvpLinks?: RsvpLinks | null;
}

export type InvitationMailInput =
  | (InvitationMailBase & { kind: Exclude<InvitationMailKind, 'update' | 'reminder'> })
  | (InvitationMailBase & { kind: 'update'; changes: readonly EventChange[] })
  | (InvitationMailBase & { kind: 'reminder'; lead: ReminderLead });

const oneLine = (value: string): string => value.replace(/\s+/g, ' ').trim();

/**
 * The e-mail around a calendar message, or a mail of its own (waitlisted, reminder), in the
 * recipient's language with times in their zone. Cancellation and removal mails never show the
 * place or join link, matching the CANCEL they travel with. User values (title, group, name, place,
 * times) are marked with `isolate`: <bdi> in the HTML part, plain in the subject and text part.
 */
export function renderInvitationMail(input: InvitationMailInput): RenderedMail {
  const locale = toLanguage(input.locale);
  const t = mailWords(locale);
  const labels = eventLabels(locale);
  const { event } = input;
  const title = isolate(oneLine(event.title));
  const group = isolate(oneLine(input.groupName));
  const ctx = timeContext(locale, input.locale, [input.timeZone, event.timezone]);
  const ended = input.kind === 'cancellation' || input.kind === 'removed';

  const heading = t('invitation.heading', { kind: input.kind, title });
  const when = isolate(formatDateTime(ctx, event.startsAt, 'short'));
  const subject = input.kind === 'removed' ? heading : `${heading} · ${when}`;

  const intro = introFor(t, input, group, title);

  const paragraphs: string[] = [];
  if (input.recipientName?.trim())
    paragraphs.push(t('invitation.greeting', { name: isolate(oneLine(input.recipientName)) }));
  paragraphs.push(intro);
  const description = event.description.trim();
  if (input.kind === 'invitation' && description) paragraphs.push(description);
  paragraphs.push(`${t('invitation.when')}: ${isolate(formatRange(ctx, event.startsAt, event.endsAt))}`);
  if (!sameWallClock(ctx.timeZone, event.timezone, event.startsAt) && ctx.timeZone !== 'UTC') {
    const venue = { locale: ctx.locale, timeZone: event.timezone };
    paragraphs.push(
      `${t('invitation.eventZone')}: ${isolate(formatRange(venue, event.startsAt, event.endsAt))}`,
    );
  }
  const location = ended ? '' : oneLine(event.location ?? '');
  if (location) paragraphs.push(`${t('invitation.where')}: ${isolate(location)}`);
  if (!ended && event.detailsWithheld) paragraphs.push(labels.withheld);
  if (event.series) paragraphs.push(oneLine(labels.series(event.series)));

  const links: HtmlLink[] = [];
  if (!ended && event.joinUrl)
    links.push({ label: labels.joinOnline, url: httpUrl(event.joinUrl, 'joinUrl') });
  if (event.topicUrl) links.push({ label: labels.discussion, url: httpUrl(event.topicUrl, 'topicUrl') });

  const answers = !ended && input.rsvpLinks ? input.rsvpLinks : null;
  const choices: HtmlLink[] = answers
    ? [
        { label: t('invitation.going'), url: httpUrl(answers.going, 'rsvpLinks.going') },
        { label: t('invitation.maybe'), url: httpUrl(answers.maybe, 'rsvpLinks.maybe') },
        { label: t('invitation.cantGo'), url: httpUrl(answers.cantGo, 'rsvpLinks.cantGo') },
      ]
    : [];
  const question = t(input.kind === 'invitation' ? 'invitation.ask' : 'invitation.changeAnswer');
  // A removed person may no longer open the event page.
  const action =
    input.kind === 'removed'
      ? undefined
      : { label: t('invitation.viewEvent'), url: httpUrl(event.eventUrl, 'eventUrl') };
  const sentFor = t('invitation.sentFor', { group });
  const footer = answers ? `${t('invitation.answerFooter')} ${sentFor}` : sentFor;

  const text = [
    heading,
    paragraphs.join('\n\n'),
    links.map((l) => `${l.label}: ${l.url}`).join('\n'),
    choices.length ? [question, ...choices.map((c) => `${c.label}: ${c.url}`)].join('\n') : '',
    action ? `${action.label}: ${action.url}` : '',
    footer,
  ]
    .filter((part) => part !== '')
    .join('\n\n');

  return withPlainText({
    subject,
    text: `${text}\n`,
    html: renderHtml(locale, heading, {
      paragraphs: choices.length ? [...paragraphs, question] : paragraphs,
      links,
      choices,
      action,
      footer,
    }),
  });
}

/** "the time, the place and the join link", with the language's own separators. */
function changeList(t: MailTranslate, changes: readonly EventChange[]): string {
  const items = changes.map((c) => t('invitation.change', { change: c === 'join-link' ? 'join_link' : c }));
  if (items.length === 0) return t('invitation.change', { change: 'details' });
  if (items.length === 1) return items[0];
  return `${items.slice(0, -1).join(t('invitation.listComma'))}${t('invitation.listAnd')}${items[items.length - 1]}`;
}

/** The first paragraph: what this mail is about. */
function introFor(t: MailTranslate, input: InvitationMailInput, group: string, title: string): string {
  switch (input.kind) {
    case 'invitation':
      return t('invitation.invitation', { group, title });
    case 'update':
      return t('invitation.update', { group, title, changes: changeList(t, input.changes) });
    case 'cancellation':
      return t('invitation.cancellation', { group, title });
    case 'removed':
      return t('invitation.removed', { title });
    case 'waitlisted':
      return t('invitation.waitlisted', { title });
    case 'pending':
      return t('invitation.pending', { title });
    case 'maybe':
      return t('invitation.tentative', { title });
    case 'confirmed':
      return t('invitation.confirmed', { title });
    case 'reminder':
      return t('invitation.reminder', { title, lead: input.lead });
  }
}

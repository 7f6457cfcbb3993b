import { formatRange, timeContext, toLanguage } from '@app/i18n';
import { HtmlLink, RenderedMail, renderHtml } from '../layout';
import { mailWords } from '../mail-words';
import { RSVP_ANSWERS, type RsvpAnswer } from '@app/core';

export type StaleAnswer = RsvpAnswer;

export interface StaleReplyNoticeInput {
  /** The member's language and zone: the current time is shown in their zone. */
  locale: string | null;
  timeZone: string | null;
  eventTimeZone: string;
  eventTitle: string;
  startsAt: Date;
  endsAt: Date;
  /** What their calendar answered, from the outdated copy. */
  answer: StaleAnswer;
  /** One-click links (`/rsvp/<token>?answer=…`) for the current version. */
  links: Record<StaleAnswer, string>;
}

const oneLine = (value: string): string => value.replace(/\s+/g, ' ').trim();

/**
 * To a member whose calendar answered an outdated copy of an event (DESIGN §4: no genuine answer is
 * dropped in silence): what changed is the event's time now, and how to answer the current version.
 */
export function renderStaleReplyNotice(input: StaleReplyNoticeInput): RenderedMail {
  const locale = toLanguage(input.locale);
  const t = mailWords(locale);
  const title = oneLine(input.eventTitle);
  const ctx = timeContext(locale, input.locale, [input.timeZone, input.eventTimeZone]);
  const subject = t('staleReply.subject', { title });
  const paragraphs = [
    t('staleReply.intro', { title, answer: input.answer }),
    t('staleReply.now', { when: formatRange(ctx, input.startsAt, input.endsAt) }),
    t('staleReply.how'),
  ];
  const choices: HtmlLink[] = RSVP_ANSWERS.map((a) => ({
    label: t('staleReply.choice', { answer: a }),
    url: input.links[a],
  }));
  const footer = t('staleReply.footer');
  return {
    subject,
    text: `${paragraphs.join('\n\n')}\n\n${choices.map((c) => `${c.label}: ${c.url}`).join('\n')}\n\n${footer}\n`,
    html: renderHtml(locale, subject, { paragraphs, choices, footer }),
  };
}

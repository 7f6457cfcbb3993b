import { Locale, RSVP_ANSWERS, RsvpAnswer, toLocale } from '@app/core';
import { formatRange, timeContext } from '../event-time';
import { HtmlLink, RenderedMail, renderHtml } from '../layout';

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

const COPY: Record<
  Locale,
  {
    subject: (title: string) => string;
    intro: (title: string, answer: string) => string;
    now: (when: string) => string;
    how: string;
    answers: Record<StaleAnswer, string>;
    choices: Record<StaleAnswer, string>;
    footer: string;
  }
> = {
  en: {
    subject: (title) => `${title} has changed: please answer again`,
    intro: (title, answer) =>
      `We received your answer “${answer}” from your calendar, but it was for an earlier version of ${title}. The event has changed since, so your answer has not been recorded.`,
    now: (when) => `It is now: ${when}.`,
    how: 'Answer the current version with one click below, or from the latest invitation in your calendar.',
    answers: { going: 'going', maybe: 'maybe', declined: 'can’t go' },
    choices: { going: 'Going', maybe: 'Maybe', declined: 'Can’t go' },
    footer: 'You receive this once per change of the event. If you did not answer, you can ignore it.',
  },
  ar: {
    subject: (title) => `تغيّرت ${title}: يُرجى الرد مجددًا`,
    intro: (title, answer) =>
      `وصلنا ردك «${answer}» من التقويم، لكنه كان على نسخة سابقة من ${title}. تغيّرت الفعالية منذ ذلك الحين، لذا لم يُسجَّل ردك.`,
    now: (when) => `موعدها الآن: ${when}.`,
    how: 'رُدّ على النسخة الحالية بنقرة واحدة أدناه، أو من آخر دعوة في تقويمك.',
    answers: { going: 'سأحضر', maybe: 'ربما', declined: 'لن أحضر' },
    choices: { going: 'سأحضر', maybe: 'ربما', declined: 'لن أحضر' },
    footer: 'تصلك هذه الرسالة مرة واحدة لكل تغيير في الفعالية. إذا لم ترد، يمكنك تجاهلها.',
  },
};

const oneLine = (value: string): string => value.replace(/\s+/g, ' ').trim();

/**
 * To a member whose calendar answered an outdated copy of an event (DESIGN §4: no genuine answer is
 * dropped in silence): what changed is the event's time now, and how to answer the current version.
 */
export function renderStaleReplyNotice(input: StaleReplyNoticeInput): RenderedMail {
  const locale = toLocale(input.locale);
  const t = COPY[locale];
  const title = oneLine(input.eventTitle);
  const ctx = timeContext(locale, input.locale, [input.timeZone, input.eventTimeZone]);
  const subject = t.subject(title);
  const paragraphs = [
    t.intro(title, t.answers[input.answer]),
    t.now(formatRange(ctx, input.startsAt, input.endsAt)),
    t.how,
  ];
  const choices: HtmlLink[] = RSVP_ANSWERS.map((a) => ({
    label: t.choices[a],
    url: input.links[a],
  }));
  return {
    subject,
    text: `${paragraphs.join('\n\n')}\n\n${choices.map((c) => `${c.label}: ${c.url}`).join('\n')}\n\n${t.footer}\n`,
    html: renderHtml(locale, subject, { paragraphs, choices, footer: t.footer }),
  };
}

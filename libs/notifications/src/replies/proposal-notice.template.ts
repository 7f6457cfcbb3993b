import type { ProposedTime } from '@app/calendar';
import { Locale, toLocale } from '@app/core';
import { formatRange, formatShort, timeContext } from '../event-time';
import { RenderedMail, renderHtml } from '../layout';

export interface ProposalNoticeInput {
  /** The organizer's language and zone: the proposed time is shown in their zone. */
  locale: string | null;
  timeZone: string | null;
  eventTimeZone: string;
  eventTitle: string;
  memberName: string;
  proposal: ProposedTime;
  comment: string | null;
  /** The event in the admin app, where proposals and comments are listed. */
  link: string;
}

const COPY: Record<
  Locale,
  {
    subject: (member: string, title: string) => string;
    intro: (member: string, title: string, when: string) => string;
    comment: (text: string) => string;
    action: string;
    footer: string;
  }
> = {
  en: {
    subject: (member, title) => `${member} proposed another time for ${title}`,
    intro: (member, title, when) =>
      `${member} answered the invitation to ${title} from their calendar, proposing another time: ${when}. Nothing has changed: the event keeps its time unless you move it.`,
    comment: (text) => `Their note: “${text}”`,
    action: 'Open the event',
    footer: 'You receive this because you organize this group.',
  },
  ar: {
    subject: (member, title) => `اقترح ${member} موعدًا آخر لـ ${title}`,
    intro: (member, title, when) =>
      `ردّ ${member} على الدعوة إلى ${title} من تقويمه مقترحًا موعدًا آخر: ${when}. لم يتغير شيء: تبقى الفعالية في موعدها ما لم تنقلها.`,
    comment: (text) => `ملاحظته: «${text}»`,
    action: 'فتح الفعالية',
    footer: 'تصلك هذه الرسالة لأنك من منظمي هذه المجموعة.',
  },
};

/** The proposed time in the organizer's words and zone ("all day" proposals keep their date). */
function when(input: ProposalNoticeInput, locale: Locale): string {
  const { proposal } = input;
  if (proposal.allDay) return proposal.end ? `${proposal.start} – ${proposal.end}` : proposal.start;
  const ctx = timeContext(locale, input.locale, [input.timeZone, input.eventTimeZone]);
  const start = new Date(proposal.start);
  return proposal.end ? formatRange(ctx, start, new Date(proposal.end)) : formatShort(ctx, start);
}

/** To each organizer of the group when a member proposes a new time from their calendar (a COUNTER). */
export function renderProposalNotice(input: ProposalNoticeInput): RenderedMail {
  const locale = toLocale(input.locale);
  const t = COPY[locale];
  const member = input.memberName.replace(/\s+/g, ' ').trim();
  const title = input.eventTitle.replace(/\s+/g, ' ').trim();
  const subject = t.subject(member, title);
  const paragraphs = [t.intro(member, title, when(input, locale))];
  if (input.comment) paragraphs.push(t.comment(input.comment.replace(/\s+/g, ' ').trim()));
  return {
    subject,
    text: `${paragraphs.join('\n\n')}\n\n${input.link}\n\n${t.footer}\n`,
    html: renderHtml(locale, subject, {
      paragraphs,
      action: { label: t.action, url: input.link },
      footer: t.footer,
    }),
  };
}

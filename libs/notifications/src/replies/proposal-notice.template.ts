import type { ProposedTime } from '@app/calendar';
import { formatDateTime, formatRange, timeContext, toLanguage } from '@app/i18n';
import type { Language } from '@app/i18n';
import { RenderedMail, renderHtml } from '../layout';
import { mailWords } from '../mail-words';

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

/** The proposed time in the organizer's words and zone ("all day" proposals keep their date). */
function when(input: ProposalNoticeInput, locale: Language): string {
  const { proposal } = input;
  if (proposal.allDay) return proposal.end ? `${proposal.start} – ${proposal.end}` : proposal.start;
  const ctx = timeContext(locale, input.locale, [input.timeZone, input.eventTimeZone]);
  const start = new Date(proposal.start);
  return proposal.end ? formatRange(ctx, start, new Date(proposal.end)) : formatDateTime(ctx, start, 'short');
}

/** To each organizer of the group when a member proposes a new time from their calendar (a COUNTER). */
export function renderProposalNotice(input: ProposalNoticeInput): RenderedMail {
  const locale = toLanguage(input.locale);
  const t = mailWords(locale);
  const member = input.memberName.replace(/\s+/g, ' ').trim();
  const title = input.eventTitle.replace(/\s+/g, ' ').trim();
  const subject = t('proposal.subject', { member, title });
  const paragraphs = [t('proposal.intro', { member, title, when: when(input, locale) })];
  if (input.comment)
    paragraphs.push(t('proposal.comment', { text: input.comment.replace(/\s+/g, ' ').trim() }));
  const footer = t('proposal.footer');
  return {
    subject,
    text: `${paragraphs.join('\n\n')}\n\n${input.link}\n\n${footer}\n`,
    html: renderHtml(locale, subject, {
      paragraphs,
      action: { label: t('proposal.action'), url: input.link },
      footer,
    }),
  };
}

import { isolate, toLanguage } from '@app/i18n';
import { RenderedMail, renderHtml, withPlainText } from '../layout';
import { mailWords } from '../mail-words';

export type FinishStep = 'coc' | 'mode' | 'answers';

export interface FinishRsvpInput {
  step: FinishStep;
  eventTitle: string;
  locale: string | null;
  /** Where to finish: the one-click page (code of conduct, mode) or the event page (questions). */
  link: string;
}

/** Sent when a verified calendar answer needs a step only the web can take (DESIGN §1, journey 2). */
export function renderFinishRsvpMail(input: FinishRsvpInput): RenderedMail {
  const locale = toLanguage(input.locale);
  const t = mailWords(locale);
  const subject = t('finishRsvp.subject', { title: isolate(input.eventTitle) });
  const intro = t('finishRsvp.intro', { step: input.step, title: isolate(input.eventTitle) });
  const ignore = t('finishRsvp.ignore');
  return withPlainText({
    subject,
    text: `${intro}\n\n${input.link}\n\n${ignore}\n`,
    html: renderHtml(locale, subject, {
      paragraphs: [intro],
      action: { label: t('finishRsvp.action'), url: input.link },
      footer: ignore,
    }),
  });
}

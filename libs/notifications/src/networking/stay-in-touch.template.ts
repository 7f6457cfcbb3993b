import { isolate, toLanguage } from '@app/i18n';
import { RenderedMail, renderHtml, withPlainText } from '../layout';
import { mailWords } from '../mail-words';

/** The one mail each side of a mutual "stay in touch" gets (issue 15): the other's chosen contact and message. */
export interface StayInTouchInput {
  locale?: string | null;
  eventTitle: string;
  otherShownName: string;
  otherContact: string;
  otherMessage: string | null;
}

export function renderStayInTouchMail(input: StayInTouchInput): RenderedMail {
  const locale = toLanguage(input.locale);
  const t = mailWords(locale);
  const values = { name: isolate(input.otherShownName), event: isolate(input.eventTitle) };
  const subject = t('stayInTouch.subject', values);
  const privacy = t('stayInTouch.privacy');
  const paragraphs = [
    t('stayInTouch.intro', values),
    t('stayInTouch.reach', { ...values, contact: isolate(input.otherContact) }),
    ...(input.otherMessage ? [t('stayInTouch.message', { message: input.otherMessage })] : []),
  ];
  return withPlainText({
    subject,
    text: `${paragraphs.join('\n\n')}\n\n${privacy}\n`,
    html: renderHtml(locale, subject, { paragraphs, footer: privacy }),
  });
}

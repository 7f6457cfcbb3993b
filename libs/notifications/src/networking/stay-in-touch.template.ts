import { Language, toLanguage } from '@app/i18n';
import { RenderedMail, renderHtml } from '../layout';

/** The one mail each side of a mutual "stay in touch" gets (issue 15): the other's chosen contact and message. */
export interface StayInTouchInput {
  locale?: string | null;
  eventTitle: string;
  otherShownName: string;
  otherContact: string;
  otherMessage: string | null;
}

interface Copy {
  subject: string;
  intro: string;
  reach: string;
  message: string;
  privacy: string;
}

const copy: Record<Language, (i: StayInTouchInput) => Copy> = {
  en: (i) => ({
    subject: `Stay in touch: ${i.otherShownName} (${i.eventTitle})`,
    intro: `You and ${i.otherShownName} both said you would like to stay in touch after "${i.eventTitle}".`,
    reach: `How to reach ${i.otherShownName}: ${i.otherContact}`,
    message: `Their message: ${i.otherMessage ?? ''}`,
    privacy:
      'They received your contact and message in the same way. Nobody else was told, and nobody hears about a "yes" that was not returned.',
  }),
  ar: (i) => ({
    subject: `البقاء على تواصل: ${i.otherShownName} (${i.eventTitle})`,
    intro: `قلت أنت و${i.otherShownName} إنكما تودان البقاء على تواصل بعد «${i.eventTitle}».`,
    reach: `كيف تصل إلى ${i.otherShownName}: ${i.otherContact}`,
    message: `رسالتهم: ${i.otherMessage ?? ''}`,
    privacy:
      'وصلتهم وسيلة تواصلك ورسالتك بالطريقة نفسها. لم يُخبَر أحد غيركما، ولا يعلم أحد بـ«نعم» لم تُقابَل بمثلها.',
  }),
};

export function renderStayInTouchMail(input: StayInTouchInput): RenderedMail {
  const locale = toLanguage(input.locale);
  const t = copy[locale](input);
  const paragraphs = [t.intro, t.reach, ...(input.otherMessage ? [t.message] : [])];
  return {
    subject: t.subject,
    text: `${paragraphs.join('\n\n')}\n\n${t.privacy}\n`,
    html: renderHtml(locale, t.subject, { paragraphs, footer: t.privacy }),
  };
}

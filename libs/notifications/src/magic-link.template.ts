import { toLanguage } from '@app/i18n';
import { RenderedMail, renderHtml } from './layout';
import { mailWords } from './mail-words';

export interface MagicLinkInput {
  link: string;
  locale?: string | null;
  expiresInMinutes: number;
}

export function renderMagicLinkMail(input: MagicLinkInput): RenderedMail {
  const locale = toLanguage(input.locale);
  const t = mailWords(locale);
  const subject = t('magicLink.subject');
  const intro = t('magicLink.intro', { minutes: input.expiresInMinutes });
  const ignore = t('magicLink.ignore');
  return {
    subject,
    text: `${intro}\n\n${input.link}\n\n${ignore}\n`,
    html: renderHtml(locale, subject, {
      paragraphs: [intro],
      action: { label: t('magicLink.action'), url: input.link },
      footer: ignore,
    }),
  };
}

import { Locale, toLocale } from '@app/core';
import { RenderedMail, renderHtml } from './layout';

export interface MagicLinkInput {
  link: string;
  locale?: string | null;
  expiresInMinutes: number;
}

const copy: Record<
  Locale,
  (minutes: number) => { subject: string; intro: string; action: string; ignore: string }
> = {
  en: (m) => ({
    subject: 'Your Hearth sign-in link',
    intro: `Use this link to sign in to Hearth. It works once and expires in ${m} minutes.`,
    action: 'Sign in',
    ignore: 'If you did not ask to sign in, you can ignore this email; nothing changes.',
  }),
  ar: (m) => ({
    subject: 'رابط تسجيل الدخول إلى Hearth',
    intro: `استخدم هذا الرابط لتسجيل الدخول إلى Hearth. يعمل مرة واحدة وتنتهي صلاحيته خلال ${m} دقيقة.`,
    action: 'تسجيل الدخول',
    ignore: 'إذا لم تطلب تسجيل الدخول، يمكنك تجاهل هذه الرسالة؛ لن يتغير شيء.',
  }),
};

export function renderMagicLinkMail(input: MagicLinkInput): RenderedMail {
  const locale = toLocale(input.locale);
  const t = copy[locale](input.expiresInMinutes);
  return {
    subject: t.subject,
    text: `${t.intro}\n\n${input.link}\n\n${t.ignore}\n`,
    html: renderHtml(locale, t.subject, {
      paragraphs: [t.intro],
      action: { label: t.action, url: input.link },
      footer: t.ignore,
    }),
  };
}

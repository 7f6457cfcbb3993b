import { Locale, toLocale } from '@app/core';
import { RenderedMail, renderHtml } from './layout';

export interface GroupInviteInput {
  groupName: string;
  inviterName: string;
  link: string;
  locale?: string | null;
}

const copy: Record<
  Locale,
  (i: GroupInviteInput) => { subject: string; intro: string; action: string; ignore: string }
> = {
  en: (i) => ({
    subject: `You're invited to join ${i.groupName} on Hearth`,
    intro: `${i.inviterName} invited you to join ${i.groupName}. Open the link to accept; you can sign in with this email address.`,
    action: 'Accept the invitation',
    ignore: 'If you were not expecting this, ignore this email: you will not be added to anything.',
  }),
  ar: (i) => ({
    subject: `دعوة للانضمام إلى ${i.groupName} على Hearth`,
    intro: `دعاك ${i.inviterName} للانضمام إلى ${i.groupName}. افتح الرابط لقبول الدعوة؛ يمكنك تسجيل الدخول بعنوان البريد هذا.`,
    action: 'قبول الدعوة',
    ignore: 'إذا لم تكن تتوقع هذه الرسالة فتجاهلها: لن تُضاف إلى أي شيء.',
  }),
};

export function renderGroupInviteMail(input: GroupInviteInput): RenderedMail {
  const locale = toLocale(input.locale);
  const t = copy[locale](input);
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

import { isolate, toLanguage } from '@app/i18n';
import { RenderedMail, renderHtml, withPlainText } from './layout';
import { mailWords } from './mail-words';

export interface GroupInviteInput {
  groupName: string;
  inviterName: string;
  link: string;
  locale?: string | null;
}

export function renderGroupInviteMail(input: GroupInviteInput): RenderedMail {
  const locale = toLanguage(input.locale);
  const t = mailWords(locale);
  const subject = t('groupInvite.subject', { group: isolate(input.groupName) });
  const intro = t('groupInvite.intro', {
    inviter: isolate(input.inviterName),
    group: isolate(input.groupName),
  });
  const ignore = t('groupInvite.ignore');
  return withPlainText({
    subject,
    text: `${intro}\n\n${input.link}\n\n${ignore}\n`,
    html: renderHtml(locale, subject, {
      paragraphs: [intro],
      action: { label: t('groupInvite.action'), url: input.link },
      footer: ignore,
    }),
  });
}

import type { ReactNode } from 'react';
import { Page, SectionNav } from '../../components/ui';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';

/**
 * Mail: the outbox and, when no SMTP relay is set, the dev mailbox (instance owner); the inbound log
 * and reply quarantine (organizers see their groups' events, the owner everything).
 */
export function MailPage({
  current,
  title,
  ownerOnly = false,
  children,
}: {
  current: string;
  title?: string;
  ownerOnly?: boolean;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const { user } = useSession();
  const owner = user.instanceRole === 'owner';
  const items = [
    ...(owner
      ? [
          { to: '/mail', label: t('mail.tab.outbox') },
          { to: '/mail/jobs', label: t('mail.tab.jobs') },
          { to: '/mail/mailbox', label: t('mail.tab.mailbox') },
        ]
      : []),
    { to: '/mail/inbound', label: t('mail.tab.inbound') },
    { to: '/mail/quarantine', label: t('mail.tab.quarantine') },
  ];
  return (
    <Page title={title ?? t('mail.title')}>
      <SectionNav label={t('mail.sections')} current={current} items={items} />
      {ownerOnly && !owner ? <p className="muted">{t('mail.ownerOnly')}</p> : children}
    </Page>
  );
}

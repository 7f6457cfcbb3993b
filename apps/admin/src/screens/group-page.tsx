import { useEffect, useState } from 'react';
import { api, type Group, type ReportStatus } from '../api';
import { Badge, ErrorSummary, Loading, Page, SectionNav } from '../components/ui';
import { useResource } from '../hooks';
import { useI18n, type MessageKey } from '../i18n';
import { GroupSettings } from './group-form';
import { GroupEventsSection } from './group-events';
import { MembersSection } from './members';
import { ModerationSection } from './moderation';
import { TopicsSection } from './topics';
import { GroupNetworkingReports } from './networking/group-reports';

export type GroupSection = 'settings' | 'members' | 'topics' | 'events' | 'reports';

/** A group's sections, each at its own URL; moderation only for those who moderate. */
const SECTIONS: Array<{ key: GroupSection; suffix: string; label: MessageKey; moderators?: true }> = [
  { key: 'events', suffix: '/events', label: 'groupPage.tab.events' },
  { key: 'topics', suffix: '/topics', label: 'groupPage.tab.topics' },
  { key: 'members', suffix: '/members', label: 'groupPage.tab.members' },
  { key: 'reports', suffix: '/reports', label: 'groupPage.tab.reports', moderators: true },
  { key: 'settings', suffix: '', label: 'groupPage.tab.settings' },
];

export function GroupScreen({
  slug,
  section,
  reportStatus = 'open',
}: {
  slug: string;
  section: GroupSection;
  reportStatus?: ReportStatus;
}) {
  const { t } = useI18n();
  const loaded = useResource(() => api.group(slug), `group:${slug}`);
  const [group, setGroup] = useState<Group | undefined>(undefined);
  useEffect(() => setGroup(loaded.data), [loaded.data]);

  const base = `/groups/${encodeURIComponent(slug)}`;
  const current = group ?? loaded.data;
  const m = current?.membership;
  return (
    <Page
      title={current?.name ?? slug}
      actions={
        m ? (
          <p className="meta">
            {m.status === 'active' ? (
              t('groupPage.yourRole', { role: t(`role.${m.role}`) })
            ) : (
              <Badge tone={m.status}>{t(`status.${m.status}`)}</Badge>
            )}
          </p>
        ) : null
      }
    >
      <SectionNav
        label={t('groupPage.sections')}
        current={`${base}${SECTIONS.find((s) => s.key === section)?.suffix ?? ''}`}
        items={SECTIONS.filter((s) => !s.moderators || current?.permissions.moderate).map((s) => ({
          to: `${base}${s.suffix}`,
          label: t(s.label),
        }))}
      />
      {loaded.loading && !current ? <Loading /> : null}
      <ErrorSummary error={loaded.error} />
      {current && section === 'settings' ? <GroupSettings group={current} onSaved={setGroup} /> : null}
      {current && section === 'members' ? <MembersSection group={current} /> : null}
      {current && section === 'topics' ? <TopicsSection group={current} /> : null}
      {current && section === 'events' ? <GroupEventsSection group={current} /> : null}
      {current && section === 'reports' ? <ModerationSection group={current} status={reportStatus} /> : null}
      {current && section === 'reports' ? (
        <GroupNetworkingReports group={current} status={reportStatus} />
      ) : null}
    </Page>
  );
}

import { useEffect, useState } from 'react';
import { api, type Group } from '../api';
import { Badge, ErrorSummary, Loading, Page, SectionNav } from '../components/ui';
import { useResource } from '../hooks';
import { useI18n, type MessageKey } from '../i18n';
import { GroupSettings } from './group-form';
import { MembersSection } from './members';

export type GroupSection = 'settings' | 'members';

/** A group's sections, each at its own URL. Events will be one more entry here. */
const SECTIONS: Array<{ key: GroupSection; suffix: string; label: MessageKey }> = [
  { key: 'settings', suffix: '', label: 'groupPage.tab.settings' },
  { key: 'members', suffix: '/members', label: 'groupPage.tab.members' },
];

export function GroupScreen({ slug, section }: { slug: string; section: GroupSection }) {
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
        items={SECTIONS.map((s) => ({ to: `${base}${s.suffix}`, label: t(s.label) }))}
      />
      {loaded.loading && !current ? <Loading /> : null}
      <ErrorSummary error={loaded.error} />
      {current && section === 'settings' ? <GroupSettings group={current} onSaved={setGroup} /> : null}
      {current && section === 'members' ? <MembersSection group={current} /> : null}
    </Page>
  );
}

import { useEffect, useState } from 'react';
import { api, type HearthEvent, type InvitationState, type RsvpStatus } from '../../api';
import { Badge, ErrorSummary, Loading, Notice, Page, SectionNav } from '../../components/ui';
import { useResource } from '../../hooks';
import { useI18n } from '../../i18n';
import { Link } from '../../router';
import { EventJobs } from '../../components/job-progress';
import { CancelEvent } from './cancel-event';
import { EditEvent } from './edit-event';
import { InvitationsSection } from './invitations';
import { InvitePeople } from './invite-people';
import { RsvpsSection } from './rsvps';
import { EventSummary } from './summary';
import { EVENT_STATUS_TONE } from './tones';
import { NETWORKING_EVENT_KINDS, NetworkingSection } from '../networking/networking-section';

export type EventSection = 'details' | 'rsvps' | 'invitations' | 'networking';

export function EventScreen({
  id,
  section,
  status,
  invitationState,
}: {
  id: string;
  section: EventSection;
  status?: RsvpStatus;
  invitationState?: InvitationState;
}) {
  const { t } = useI18n();
  const loaded = useResource(() => api.event(id), `event:${id}`);
  const [event, setEvent] = useState<HearthEvent | undefined>(undefined);
  useEffect(() => setEvent(loaded.data), [loaded.data]);
  const base = `/events/${encodeURIComponent(id)}`;
  const current = event ?? loaded.data;

  return (
    <Page
      title={current?.title ?? t('event.title')}
      actions={
        current ? (
          <p className="badges">
            <Badge tone="role">{t(`kind.${current.kind}`)}</Badge>
            <Badge tone={EVENT_STATUS_TONE[current.status] ?? 'queued'}>
              {t(`eventStatus.${current.status}`)}
            </Badge>
          </p>
        ) : null
      }
    >
      {current ? (
        <p className="breadcrumb">
          <Link to={`/groups/${encodeURIComponent(current.group.slug)}/events`}>
            <bdi>{current.group.name}</bdi>
          </Link>
          {current.seriesId ? (
            <>
              {' › '}
              <Link to={`/series/${encodeURIComponent(current.seriesId)}`}>{t('event.series')}</Link>
            </>
          ) : null}
        </p>
      ) : null}
      <SectionNav
        label={t('event.sections')}
        current={section === 'details' ? base : `${base}/${section}`}
        items={[
          { to: base, label: t('event.tab.details') },
          { to: `${base}/rsvps`, label: t('event.tab.rsvps') },
          ...(current?.permissions.edit
            ? [{ to: `${base}/invitations`, label: t('event.tab.invitations') }]
            : []),
          ...(current && NETWORKING_EVENT_KINDS.includes(current.kind)
            ? [{ to: `${base}/networking`, label: t('networking.tab') }]
            : []),
        ]}
      />
      {loaded.loading && !current ? <Loading /> : null}
      <ErrorSummary error={loaded.error} />
      {current && section === 'details' ? (
        <EventDetails event={current} onChanged={(e) => (e ? setEvent(e) : loaded.reload())} />
      ) : null}
      {current && section === 'rsvps' ? <RsvpsSection event={current} status={status ?? 'going'} /> : null}
      {current && section === 'invitations' ? (
        <InvitationsSection event={current} state={invitationState} />
      ) : null}
      {current && section === 'networking' ? <NetworkingSection event={current} /> : null}
    </Page>
  );
}

function EventDetails({ event, onChanged }: { event: HearthEvent; onChanged: (e?: HearthEvent) => void }) {
  const { t } = useI18n();
  // Kept here: the form below remounts with the saved event, the confirmation stays.
  const [saved, setSaved] = useState<{ calendars: number } | null>(null);
  // Bumped when people are added: their invitation job appears in the progress list at once.
  const [invitedRounds, setInvitedRounds] = useState(0);
  return (
    <>
      {saved ? (
        <Notice>
          {saved.calendars > 0 ? t('event.savedUpdating', { n: saved.calendars }) : t('event.saved')}
        </Notice>
      ) : null}
      <EventSummary event={event} />
      {event.permissions.edit ? (
        <EventJobs
          eventId={event.id}
          version={`${event.sequence}:${event.status}:${saved ? 1 : 0}:${invitedRounds}`}
        />
      ) : null}
      {event.permissions.edit && event.status !== 'cancelled' ? (
        <>
          <EditEvent
            key={`${event.id}:${event.sequence}:${event.startsAt}:${event.endsAt}`}
            event={event}
            onEditing={() => setSaved(null)}
            onSaved={(e, calendars) => {
              setSaved({ calendars });
              onChanged(e);
            }}
          />
          <InvitePeople event={event} onInvited={() => setInvitedRounds((n) => n + 1)} />
          <CancelEvent event={event} onCancelled={onChanged} />
        </>
      ) : null}
    </>
  );
}

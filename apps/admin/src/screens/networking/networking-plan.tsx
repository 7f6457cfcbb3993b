import { sameWallClock } from '@app/i18n';
import { useState } from 'react';
import { ErrorSummary, Field } from '../../components/ui';
import { useAction, useResource } from '../../hooks';
import { useI18n } from '../../i18n';
import { type NetworkingPlan, type RoundAction, networkingApi } from './networking-api';

const ACTIONS: RoundAction[] = ['start', 'pause', 'skip', 'end'];

/** Start, pause, skip, end; where the rounds stand and how many joined. */
export function RoundControls({
  eventId,
  plan,
  onChanged,
}: {
  eventId: string;
  plan: NetworkingPlan;
  onChanged: () => void;
}) {
  const { t, formatDateTime } = useI18n();
  const act = useAction((action: RoundAction) => networkingApi.act(eventId, action));
  return (
    <section className="card" aria-labelledby="networking-controls">
      <h2 id="networking-controls">{t('networking.controlsHeading')}</h2>
      <p>{t('networking.phase', { phase: plan.phase, round: plan.round })}</p>
      <p className="muted">{t('networking.counts', { optedIn: plan.optedIn, present: plan.present })}</p>
      {plan.nextChangeAt ? <p className="muted">{formatDateTime(plan.nextChangeAt)}</p> : null}
      <ErrorSummary error={act.error} />
      <div className="button-row">
        {ACTIONS.map((a) => (
          <button
            key={a}
            type="button"
            className={a === 'end' ? 'danger' : a === 'start' ? '' : 'secondary'}
            disabled={act.pending}
            onClick={() => void act.run(a).then(onChanged)}
          >
            {t(`networking.${a}`)}
          </button>
        ))}
      </div>
    </section>
  );
}

/** The projected schedule, in the reader's zone and the event's. */
export function RoundSchedule({ plan }: { plan: NetworkingPlan }) {
  const { t, formatEventRange, timeZone } = useI18n();
  if (plan.schedule.length === 0) return null;
  const reader = timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const inZone = (r: NetworkingPlan['schedule'][number], zone: string) =>
    `${formatEventRange(r.startsAt, r.endsAt, zone)} (${zone})`;
  return (
    <section className="card" aria-labelledby="networking-schedule">
      <h2 id="networking-schedule">{t('networking.scheduleHeading')}</h2>
      <ol>
        {plan.schedule.map((r) => (
          <li key={r.round}>
            {inZone(r, plan.timezone)}
            {sameWallClock(plan.timezone, reader, new Date(r.startsAt)) ? null : (
              <span className="muted"> · {inZone(r, reader)}</span>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Every round's rooms: who sits where (user ids and shown names; never anyone's stay-in-touch answers). */
export function PlanRooms({ plan }: { plan: NetworkingPlan }) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="networking-rooms">
      <h2 id="networking-rooms">{t('networking.planHeading')}</h2>
      {plan.rounds.map((r) => (
        <div key={r.round}>
          <h3>{t('networking.round', { n: r.round })}</h3>
          <ul>
            {r.rooms.map((room) => (
              <li key={room.roomId} data-room={room.roomId}>
                {room.members
                  .map((m) => `${m.shownName}${m.left ? ` ${t('networking.left')}` : ''}`)
                  .join(', ')}{' '}
                <a href={room.url} target="_blank" rel="noopener noreferrer">
                  {t('networking.openRoom')}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

/** Moves one person into another room of the current round. */
export function MovePerson({
  eventId,
  plan,
  onMoved,
}: {
  eventId: string;
  plan: NetworkingPlan;
  onMoved: () => void;
}) {
  const { t } = useI18n();
  const current = plan.rounds.find((r) => r.round === plan.round);
  const [person, setPerson] = useState('');
  const [room, setRoom] = useState('');
  const move = useAction(() => networkingApi.move(eventId, person, room));
  if (!current || (plan.phase !== 'round' && plan.phase !== 'paused')) return null;
  const people = current.rooms.flatMap((r) => r.members);
  return (
    <form
      className="card"
      aria-labelledby="networking-move"
      onSubmit={(e) => {
        e.preventDefault();
        void move.run().then(onMoved);
      }}
    >
      <h2 id="networking-move">{t('networking.moveHeading')}</h2>
      <ErrorSummary error={move.error} />
      <Field label={t('networking.person')}>
        {(props) => (
          <select {...props} value={person} onChange={(e) => setPerson(e.target.value)} required>
            <option value="" />
            {people.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.shownName}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('networking.room')}>
        {(props) => (
          <select {...props} value={room} onChange={(e) => setRoom(e.target.value)} required>
            <option value="" />
            {current.rooms.map((r, i) => (
              <option
                key={r.roomId}
                value={r.roomId}
              >{`${i + 1}: ${r.members.map((m) => m.shownName).join(', ')}`}</option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" disabled={move.pending}>
        {t('networking.move')}
      </button>
    </form>
  );
}

/** Reports filed from rooms (organizers and moderators of the group). */
export function NetworkingReports({ eventId, names }: { eventId: string; names: Map<string, string> }) {
  const { t, formatDateTime } = useI18n();
  const reports = useResource(() => networkingApi.reports(eventId), `networking-reports:${eventId}`);
  const name = (id: string): string => names.get(id) ?? id;
  return (
    <section className="card" aria-labelledby="networking-reports">
      <h2 id="networking-reports">{t('networking.reportsHeading')}</h2>
      <ErrorSummary error={reports.error} />
      {reports.data?.length === 0 ? <p className="muted">{t('networking.noReports')}</p> : null}
      <ul>
        {reports.data?.map((r) => (
          <li key={r.id}>
            {t('networking.reportLine', {
              round: r.round,
              reporter: name(r.reporterId),
              reported: name(r.reportedId),
            })}
            {' — '}
            {r.reason} <span className="muted">{formatDateTime(r.createdAt)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

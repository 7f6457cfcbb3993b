import type { HearthEvent } from '../../api';
import { ErrorSummary, Loading } from '../../components/ui';
import { useResource } from '../../hooks';
import { networkingApi } from './networking-api';
import { NetworkingSettingsForm } from './networking-settings';
import { MovePerson, NetworkingReports, PlanRooms, RoundControls, RoundSchedule } from './networking-plan';

export const NETWORKING_EVENT_KINDS = ['virtual_networking', 'hybrid'];

/** The event screen's networking section: the plan's settings, the round controls and the rooms. */
export function NetworkingSection({ event }: { event: HearthEvent }) {
  const plan = useResource(() => networkingApi.plan(event.id), `networking:${event.id}`);
  if (plan.loading && !plan.data) return <Loading />;
  if (!plan.data) return <ErrorSummary error={plan.error} />;
  const names = new Map(
    plan.data.rounds.flatMap((r) =>
      r.rooms.flatMap((room) => room.members.map((m) => [m.userId, m.shownName] as const)),
    ),
  );
  return (
    <>
      <ErrorSummary error={plan.error} />
      <NetworkingSettingsForm eventId={event.id} settings={plan.data.settings} onSaved={plan.reload} />
      {plan.data.settings ? (
        <>
          <RoundControls eventId={event.id} plan={plan.data} onChanged={plan.reload} />
          <RoundSchedule plan={plan.data} />
          <MovePerson eventId={event.id} plan={plan.data} onMoved={plan.reload} />
          <PlanRooms plan={plan.data} />
          <NetworkingReports eventId={event.id} names={names} />
        </>
      ) : null}
    </>
  );
}

import type { NetworkingSettings, Seat } from '../networking-rooms.repository';
import { roomUrl } from '../rounds/room-links';
import type { Phase, PhaseView } from '../rounds/round-plan';

/** A room-mate as the viewer sees them: the name, intro and interests they chose to show. */
export interface LiveRoomMate {
  userId: string;
  shownName: string;
  intro: string | null;
  sharedInterests: string[];
}

/**
 * What one viewer's event stream carries when the rounds change: the phase and timing, and that
 * viewer's own room — never anyone else's.
 */
export interface LiveUpdate {
  phase: Phase;
  round: number;
  rounds: number;
  nextChangeAt: string | null;
  /** The viewer has joined the rounds and pressed "I'm here". */
  present: boolean;
  room: { url: string; people: LiveRoomMate[] } | null;
}

/**
 * Splits one round's seating (all participants, one query) into each listed viewer's own update.
 * Pure: the room link comes from the template, the mates from the viewer's own room only.
 */
export function liveUpdates(
  settings: NetworkingSettings,
  phase: PhaseView,
  seats: Seat[],
  roomUrlTemplate: string,
  viewerIds: Iterable<string>,
): Map<string, LiveUpdate> {
  const byUser = new Map<string, Seat>();
  const byRoom = new Map<string, Seat[]>();
  for (const seat of seats) {
    byUser.set(seat.userId, seat);
    if (!seat.roomId) continue;
    const room = byRoom.get(seat.roomId);
    if (room) room.push(seat);
    else byRoom.set(seat.roomId, [seat]);
  }
  const updates = new Map<string, LiveUpdate>();
  for (const viewerId of viewerIds) {
    const me = byUser.get(viewerId);
    let room: LiveUpdate['room'] = null;
    if (me?.roomId && me.roomName && phase.phase === 'round')
      room = {
        url: roomUrl(roomUrlTemplate, me.roomName),
        people: (byRoom.get(me.roomId) ?? [])
          .filter((o) => o.userId !== viewerId)
          .map((o) => ({
            userId: o.userId,
            shownName: o.shownName,
            intro: o.intro,
            sharedInterests: settings.useInterests ? o.interests.filter((i) => me.interests.includes(i)) : [],
          })),
      };
    updates.set(viewerId, {
      phase: phase.phase,
      round: phase.round,
      rounds: settings.rounds,
      nextChangeAt: phase.nextChangeAt?.toISOString() ?? null,
      present: me?.present ?? false,
      room,
    });
  }
  return updates;
}

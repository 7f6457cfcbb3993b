import { EventEntity } from '@app/events';
import { RsvpAnswer } from '@app/core';
import { RsvpMode, RsvpStatus } from './rsvp.entity';

export type Answer = RsvpAnswer;

/** The seat mode an RSVP counts against: hybrid events ask; the others have one mode. */
export function modeFor(
  event: Pick<EventEntity, 'kind'>,
  requested: RsvpMode | undefined,
): RsvpMode | 'missing' | 'mismatch' {
  if (event.kind === 'hybrid') return requested ?? 'missing';
  const fixed: RsvpMode = event.kind === 'in_person' ? 'in_person' : 'online';
  return requested === undefined || requested === fixed ? fixed : 'mismatch';
}

export function capacityFor(
  event: Pick<EventEntity, 'kind' | 'capacity' | 'onlineCapacity'>,
  mode: RsvpMode,
): number | null {
  return event.kind === 'hybrid' && mode === 'online' ? event.onlineCapacity : event.capacity;
}

/**
 * Where a "going" request lands, given the seats left. Approval comes first (organizers decide who
 * attends), then a seat if one is free, then the waitlist if the event keeps one.
 */
export function placeGoing(input: {
  current: RsvpStatus | null;
  approvalRequired: boolean;
  byOrganizer: boolean;
  seatsNeeded: number;
  seatsLeft: number | null;
  waitlistEnabled: boolean;
}): RsvpStatus | 'full' {
  const { current } = input;
  if (current === 'going')
    return input.seatsLeft === null || input.seatsLeft >= input.seatsNeeded ? 'going' : 'full';
  if (current === 'pending_approval' && !input.byOrganizer) return 'pending_approval';
  if (input.approvalRequired && !input.byOrganizer) return 'pending_approval';
  if (current === 'waitlisted') return 'waitlisted';
  if (input.seatsLeft === null || input.seatsLeft >= input.seatsNeeded) return 'going';
  return input.waitlistEnabled ? 'waitlisted' : 'full';
}

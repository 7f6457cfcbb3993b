import type { PersonInLine, SeatsByMode, WaitlistOutlookRepository } from './waitlist-outlook.repository';
import { WaitlistOutlookService } from './waitlist-outlook.service';

const NOW = new Date('2030-01-01T12:00:00Z');
const hours = (h: number): Date => new Date(NOW.getTime() + h * 3600_000);

const event = {
  id: 'e',
  kind: 'in_person' as const,
  status: 'scheduled' as const,
  capacity: 2,
  onlineCapacity: null,
  waitlistEnabled: true,
  approvalRequired: false,
  endsAt: hours(48),
  rsvpOpensAt: null as Date | null,
  rsvpClosesAt: null as Date | null,
};

/** The viewer may see the event's attendee counts, so the warning may carry the number. */
const COUNTS = { showPosition: true };

function outlook(seats: SeatsByMode[], mine: PersonInLine | null = null): WaitlistOutlookService {
  const repository = {
    seatsByMode: () => Promise.resolve(seats),
    person: () => Promise.resolve(mine),
  } as unknown as WaitlistOutlookRepository;
  return new WaitlistOutlookService(repository, { now: () => NOW });
}

const row = (mode: SeatsByMode['mode'], taken: number, waiting: number): SeatsByMode => ({
  mode,
  taken,
  waiting,
});

describe('WaitlistOutlookService.outlook', () => {
  it('warns with the next place in line once the seats are gone', async () => {
    expect((await outlook([row('in_person', 1, 0)]).outlook(event, 'u', COUNTS)).warnings).toEqual([]);
    expect((await outlook([row('in_person', 2, 0)]).outlook(event, 'u', COUNTS)).warnings).toEqual([
      { mode: null, position: 1 },
    ]);
    expect((await outlook([row('in_person', 2, 4)]).outlook(event, null, COUNTS)).warnings).toEqual([
      { mode: null, position: 5 },
    ]);
  });

  it('counts every RSVP of a single-mode event, whatever mode it was given', async () => {
    const seats = [row('in_person', 1, 1), row('online', 1, 2)];
    expect((await outlook(seats).outlook(event, 'u', COUNTS)).warnings).toEqual([
      { mode: null, position: 4 },
    ]);
  });

  it('does not warn without a waitlist, with approval, when open-ended, or for someone already going or waiting', async () => {
    const full = [row('in_person', 2, 3)];
    const none = async (e: object, mine: PersonInLine | null = null) =>
      (await outlook(full, mine).outlook({ ...event, ...e }, 'u', COUNTS)).warnings;
    expect(await none({ waitlistEnabled: false })).toEqual([]);
    expect(await none({ approvalRequired: true })).toEqual([]);
    expect(await none({ capacity: null })).toEqual([]);
    expect(await none({ status: 'cancelled' })).toEqual([]);
    const going: PersonInLine = { status: 'going', mode: 'in_person', guests: 0, position: null };
    expect(await none({}, going)).toEqual([]);
    expect(await none({}, { ...going, status: 'waitlisted', position: 2 })).toEqual([]);
    expect(await none({}, { ...going, status: 'pending_approval' })).toEqual([]);
  });

  it('gives no number to a viewer who may not see attendee counts, but still warns', async () => {
    const full = [row('in_person', 2, 4)];
    expect((await outlook(full).outlook(event, 'u', { showPosition: false })).warnings).toEqual([
      { mode: null, position: null },
    ]);
    expect(
      (await outlook([row('in_person', 1, 0)]).outlook(event, 'u', { showPosition: false })).warnings,
    ).toEqual([]);
  });

  it('does not warn while answers are closed: not yet open, closed, or the event over', async () => {
    const full = [row('in_person', 2, 3)];
    const warned = async (e: object) =>
      (await outlook(full).outlook({ ...event, ...e }, 'u', COUNTS)).warnings;
    expect(await warned({ rsvpOpensAt: hours(1) })).toEqual([]);
    expect(await warned({ rsvpClosesAt: hours(-1) })).toEqual([]);
    expect(await warned({ rsvpClosesAt: NOW })).toEqual([]);
    expect(await warned({ endsAt: hours(-1) })).toEqual([]);
    // Open windows still warn.
    expect(await warned({ rsvpOpensAt: hours(-1), rsvpClosesAt: hours(1) })).toEqual([
      { mode: null, position: 4 },
    ]);
  });

  it('counts a member’s guests as seats they need', async () => {
    const maybe: PersonInLine = { status: 'maybe', mode: 'in_person', guests: 1, position: null };
    expect((await outlook([row('in_person', 1, 0)], maybe).outlook(event, 'u', COUNTS)).warnings).toEqual([
      { mode: null, position: 1 },
    ]);
  });

  it('keeps a hybrid event’s seats and lines per mode', async () => {
    const hybrid = { ...event, kind: 'hybrid' as const, capacity: 1, onlineCapacity: 3 };
    const seats = [row('in_person', 1, 2), row('online', 2, 0)];
    expect((await outlook(seats).outlook(hybrid, 'u', COUNTS)).warnings).toEqual([
      { mode: 'in_person', position: 3 },
    ]);
    const onlineFull = [row('in_person', 1, 2), row('online', 3, 1)];
    expect((await outlook(onlineFull).outlook(hybrid, 'u', COUNTS)).warnings).toEqual([
      { mode: 'in_person', position: 3 },
      { mode: 'online', position: 2 },
    ]);
    // Going in person already: only a switch online would wait.
    const inPerson: PersonInLine = { status: 'going', mode: 'in_person', guests: 0, position: null };
    expect((await outlook(onlineFull, inPerson).outlook(hybrid, 'u', COUNTS)).warnings).toEqual([
      { mode: 'online', position: 2 },
    ]);
  });
});

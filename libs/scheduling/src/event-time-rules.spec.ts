import { MAX_EVENT_DURATION_MS, editedEventTimeProblems, newEventTimeProblems } from './event-time-rules';

const now = new Date('2027-05-01T12:00:00Z');
const at = (iso: string): Date => new Date(iso);
const codes = (problems: Array<{ code: string; field: string }>) =>
  problems.map((p) => `${p.code}@${p.field}`);

describe('newEventTimeProblems', () => {
  it('accepts an event that starts in the future and ends after it starts', () => {
    expect(
      newEventTimeProblems({ startsAt: at('2027-05-02T18:00Z'), endsAt: at('2027-05-02T20:00Z') }, now),
    ).toEqual([]);
  });

  it('refuses a start in the past or right now', () => {
    expect(
      codes(
        newEventTimeProblems({ startsAt: at('2020-05-02T18:00Z'), endsAt: at('2020-05-02T20:00Z') }, now),
      ),
    ).toEqual(['EVENT_STARTS_IN_PAST@startsAt']);
    expect(codes(newEventTimeProblems({ startsAt: now, endsAt: at('2027-05-01T13:00Z') }, now))).toEqual([
      'EVENT_STARTS_IN_PAST@startsAt',
    ]);
  });

  it('refuses an end before or at the start, beside endsAt', () => {
    expect(
      codes(
        newEventTimeProblems({ startsAt: at('2027-05-02T20:00Z'), endsAt: at('2027-05-02T19:00Z') }, now),
      ),
    ).toEqual(['EVENT_ENDS_BEFORE_START@endsAt']);
    expect(
      codes(
        newEventTimeProblems({ startsAt: at('2027-05-02T20:00Z'), endsAt: at('2027-05-02T20:00Z') }, now),
      ),
    ).toEqual(['EVENT_ENDS_BEFORE_START@endsAt']);
  });

  it('reports every problem at once: a past start and an end before it', () => {
    expect(
      codes(
        newEventTimeProblems({ startsAt: at('2020-05-02T20:00Z'), endsAt: at('2020-05-02T19:00Z') }, now),
      ),
    ).toEqual(['EVENT_STARTS_IN_PAST@startsAt', 'EVENT_ENDS_BEFORE_START@endsAt']);
  });

  it('takes at most 14 days unless the organizer confirms a longer event', () => {
    const startsAt = at('2027-06-01T10:00Z');
    const exactly = { startsAt, endsAt: new Date(startsAt.getTime() + MAX_EVENT_DURATION_MS) };
    const longer = { startsAt, endsAt: new Date(startsAt.getTime() + MAX_EVENT_DURATION_MS + 60_000) };
    expect(newEventTimeProblems(exactly, now)).toEqual([]);
    expect(codes(newEventTimeProblems(longer, now))).toEqual(['EVENT_TOO_LONG@endsAt']);
    expect(newEventTimeProblems(longer, now, { confirmLongEvent: true })).toEqual([]);
  });
});

describe('editedEventTimeProblems', () => {
  const before = { startsAt: at('2027-05-10T18:00Z'), endsAt: at('2027-05-10T20:00Z') };
  const past = { startsAt: at('2027-04-10T18:00Z'), endsAt: at('2027-04-10T20:00Z') };
  const ctx = { invited: true, publishing: false };

  it('does not judge times that did not change, even of an event that already happened', () => {
    expect(editedEventTimeProblems(past, past, now, ctx)).toEqual([]);
  });

  it('needs confirmPast to move an event people were invited to into the past', () => {
    expect(codes(editedEventTimeProblems(before, past, now, ctx))).toEqual(['EVENT_MOVED_TO_PAST@startsAt']);
    expect(editedEventTimeProblems(before, past, now, { ...ctx, confirmPast: true })).toEqual([]);
  });

  it('refuses moving an event nobody was invited to into the past, confirmed or not', () => {
    expect(
      codes(editedEventTimeProblems(before, past, now, { ...ctx, invited: false, confirmPast: true })),
    ).toEqual(['EVENT_STARTS_IN_PAST@startsAt']);
  });

  it('refuses an end moved before the start, and a longer event without confirmation', () => {
    expect(
      codes(editedEventTimeProblems(before, { ...before, endsAt: at('2027-05-10T17:00Z') }, now, ctx)),
    ).toEqual(['EVENT_ENDS_BEFORE_START@endsAt']);
    const long = { ...before, endsAt: at('2027-06-10T17:00Z') };
    expect(codes(editedEventTimeProblems(before, long, now, ctx))).toEqual(['EVENT_TOO_LONG@endsAt']);
    expect(editedEventTimeProblems(before, long, now, { ...ctx, confirmLongEvent: true })).toEqual([]);
  });

  it('judges publishing a draft like a new event, times changed or not', () => {
    expect(codes(editedEventTimeProblems(past, past, now, { invited: false, publishing: true }))).toEqual([
      'EVENT_STARTS_IN_PAST@startsAt',
    ]);
  });
});

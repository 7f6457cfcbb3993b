import { LocalDateTime, describeLocalTimeProblem, formatUtcOffset, resolveLocalTime } from './local-time';

const local = (text: string): LocalDateTime => {
  const parsed = LocalDateTime.parse(text);
  if (!parsed) throw new Error(`not a local time: ${text}`);
  return parsed;
};

describe('LocalDateTime.parse', () => {
  it('reads a wall time without an offset, seconds optional', () => {
    expect(local('2027-03-28T19:00').time).toBe('19:00');
    expect(local('2027-03-28T19:00:30').second).toBe(30);
  });
  it.each([
    '2027-02-30T10:00',
    '2027-03-28T24:00',
    '2027-03-28T19:00Z',
    '2027-03-28T19:00+01:00',
    '28/03/2027',
  ])('refuses %s', (text) => {
    expect(LocalDateTime.parse(text)).toBeNull();
  });
});

describe('resolveLocalTime', () => {
  it('turns an ordinary wall time into the one instant it names, with the offset of that day', () => {
    expect(resolveLocalTime(local('2027-03-27T19:00'), 'Europe/Berlin')).toEqual({
      kind: 'exact',
      instant: new Date('2027-03-27T18:00:00Z'),
      offsetMinutes: 60,
    });
    expect(resolveLocalTime(local('2027-03-28T19:00'), 'Europe/Berlin')).toMatchObject({
      kind: 'exact',
      instant: new Date('2027-03-28T17:00:00Z'),
      offsetMinutes: 120,
    });
  });

  it('names the gap when the clocks go forward over the time', () => {
    const result = resolveLocalTime(local('2027-03-28T02:30'), 'Europe/Berlin');
    expect(result).toMatchObject({ kind: 'gap', from: '02:00', to: '03:00' });
    if (result.kind === 'exact') throw new Error('expected a gap');
    expect(describeLocalTimeProblem(result)).toBe(
      '02:30 does not exist in Europe/Berlin on 28 March 2027: clocks go from 02:00 to 03:00',
    );
  });

  it('finds gaps of other sizes and directions (New York at 02:00, Lord Howe by half an hour)', () => {
    expect(resolveLocalTime(local('2027-03-14T02:15'), 'America/New_York')).toMatchObject({
      kind: 'gap',
      from: '02:00',
      to: '03:00',
    });
    expect(resolveLocalTime(local('2027-10-03T02:10'), 'Australia/Lord_Howe')).toMatchObject({
      kind: 'gap',
      from: '02:00',
      to: '02:30',
    });
  });

  it('names both offsets when the clocks go back over the time, the first one first', () => {
    const result = resolveLocalTime(local('2027-10-31T02:30'), 'Europe/Berlin');
    expect(result).toMatchObject({ kind: 'ambiguous', offsets: [120, 60] });
    if (result.kind === 'exact') throw new Error('expected an overlap');
    expect(describeLocalTimeProblem(result)).toBe(
      '02:30 happens twice in Europe/Berlin on 31 October 2027: give it with an offset, +02:00 for the first or +01:00 for the second',
    );
  });

  it('has no gaps or overlaps in a zone without DST', () => {
    expect(resolveLocalTime(local('2027-03-28T02:30'), 'Asia/Kolkata')).toMatchObject({
      kind: 'exact',
      offsetMinutes: 330,
    });
  });
});

describe('formatUtcOffset', () => {
  it.each([
    [120, '+02:00'],
    [-210, '-03:30'],
    [0, '+00:00'],
  ])('%i minutes is %s', (minutes, text) => {
    expect(formatUtcOffset(minutes)).toBe(text);
  });
});

import { describe, expect, it } from '@jest/globals';
import { wallTimeOf, zonedToIso } from './zoned-time';

describe('zonedToIso', () => {
  it('uses the summer offset for a July evening in London, whatever the browser zone', () => {
    expect(zonedToIso({ date: '2026-07-02', time: '19:00' }, 'Europe/London')?.iso).toBe(
      '2026-07-02T19:00:00+01:00',
    );
    expect(zonedToIso({ date: '2026-12-03', time: '19:00' }, 'Europe/London')?.iso).toBe(
      '2026-12-03T19:00:00+00:00',
    );
  });

  it('gives each side of a DST change its own offset', () => {
    // Europe/Berlin springs forward on 29 March 2026 at 02:00.
    expect(zonedToIso({ date: '2026-03-28', time: '18:00' }, 'Europe/Berlin')?.iso).toBe(
      '2026-03-28T18:00:00+01:00',
    );
    expect(zonedToIso({ date: '2026-03-29', time: '18:00' }, 'Europe/Berlin')?.iso).toBe(
      '2026-03-29T18:00:00+02:00',
    );
  });

  it('moves a time inside a spring-forward gap past the jump and says so', () => {
    const result = zonedToIso({ date: '2026-03-29', time: '02:30' }, 'Europe/Berlin');
    expect(result?.note).toBe('gap');
    expect(result?.iso).toBe('2026-03-29T03:30:00+02:00');
  });

  it('names the jump of a gap, as the API does', () => {
    expect(zonedToIso({ date: '2027-03-28', time: '02:30' }, 'Europe/Berlin')?.gap).toEqual({
      from: '02:00',
      to: '03:00',
    });
    expect(zonedToIso({ date: '2027-03-27', time: '02:30' }, 'Europe/Berlin')?.gap).toBeNull();
  });

  it('names both offsets of a time that happens twice, and takes the second when asked', () => {
    const first = zonedToIso({ date: '2027-10-31', time: '02:30' }, 'Europe/Berlin');
    expect(first?.offsets).toEqual([120, 60]);
    expect(first?.iso).toBe('2027-10-31T02:30:00+02:00');
    expect(zonedToIso({ date: '2027-10-31', time: '02:30' }, 'Europe/Berlin', 60)?.iso).toBe(
      '2027-10-31T02:30:00+01:00',
    );
  });

  it('takes the first of a time that happens twice when clocks go back', () => {
    // America/New_York falls back on 1 November 2026 at 02:00 → 01:00.
    const result = zonedToIso({ date: '2026-11-01', time: '01:30' }, 'America/New_York');
    expect(result?.note).toBe('ambiguous');
    expect(result?.iso).toBe('2026-11-01T01:30:00-04:00');
  });

  it('handles zones with non-hour offsets and the southern hemisphere', () => {
    expect(zonedToIso({ date: '2026-01-15', time: '09:15' }, 'Asia/Kolkata')?.iso).toBe(
      '2026-01-15T09:15:00+05:30',
    );
    expect(zonedToIso({ date: '2026-01-15', time: '09:15' }, 'Australia/Sydney')?.iso).toBe(
      '2026-01-15T09:15:00+11:00',
    );
  });

  it('refuses impossible dates and unknown zones', () => {
    expect(zonedToIso({ date: '2026-02-31', time: '10:00' }, 'UTC')).toBeNull();
    expect(zonedToIso({ date: '2026-02-10', time: '25:00' }, 'UTC')).toBeNull();
    expect(zonedToIso({ date: '2026-02-10', time: '10:00' }, 'Mars/Olympus_Mons')).toBeNull();
  });
});

describe('wallTimeOf', () => {
  it('reads an instant back as the wall time in the zone', () => {
    expect(wallTimeOf('2026-07-02T18:00:00Z', 'Europe/London')).toEqual({
      date: '2026-07-02',
      time: '19:00',
    });
    expect(wallTimeOf('2026-07-02T18:00:00Z', 'Asia/Tokyo')).toEqual({ date: '2026-07-03', time: '03:00' });
  });
});

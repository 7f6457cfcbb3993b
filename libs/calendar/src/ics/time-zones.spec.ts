import ICAL from 'ical.js';
import { vtimezoneFor, zonedTimes } from './time-zones';

const at = (iso: string) => new Date(iso);

describe('zonedTimes', () => {
  it('gives local times and the TZID for a zone whose VTIMEZONE matches tzdata', () => {
    const zoned = zonedTimes('Europe/Berlin', [at('2026-01-15T17:00:00Z'), at('2026-07-15T17:00:00Z')]);
    expect(zoned?.tzid).toBe('Europe/Berlin');
    expect(zoned?.times.map((t) => t.toFormat("yyyyLLdd'T'HHmmss"))).toEqual([
      '20260115T180000',
      '20260715T190000',
    ]);
  });

  it('writes UTC events in UTC', () => {
    expect(zonedTimes('UTC', [at('2026-01-15T17:00:00Z')])).toBeNull();
    expect(zonedTimes('Etc/UTC', [at('2026-01-15T17:00:00Z')])).toBeNull();
  });

  it('falls back to UTC where the bundled VTIMEZONE is out of date', () => {
    // Egypt restored DST in 2023, Jordan and Syria moved to permanent +03 in 2022, Mexico dropped
    // DST in 2022; the bundled rules (2018g) still have the old ones.
    for (const zone of ['Africa/Cairo', 'Asia/Amman', 'Asia/Damascus', 'America/Mexico_City']) {
      expect(zonedTimes(zone, [at('2026-07-01T12:00:00Z')])).toBeNull();
    }
  });

  it('falls back to UTC for zones it has no VTIMEZONE for', () => {
    expect(zonedTimes('Mars/Olympus_Mons', [at('2026-01-15T17:00:00Z')])).toBeNull();
  });

  it('writes an alias under the TZID its VTIMEZONE declares', () => {
    const zoned = zonedTimes('Asia/Calcutta', [at('2026-01-15T12:30:00Z')]);
    expect(zoned?.tzid).toBe('Asia/Kolkata');
    expect(zoned?.times[0].toFormat('HHmm')).toBe('1800');
    expect(vtimezoneFor('Asia/Kolkata')).toContain('TZID:Asia/Kolkata');
  });

  it('writes a local time that happens twice (clocks going back) in UTC', () => {
    // 02:30 in Berlin on 25 Oct 2026 happens at 00:30Z (CEST) and again at 01:30Z (CET).
    expect(zonedTimes('Europe/Berlin', [at('2026-10-25T00:30:00Z')])).toBeNull();
    expect(zonedTimes('Europe/Berlin', [at('2026-10-25T01:30:00Z')])).toBeNull();
    expect(zonedTimes('Europe/Berlin', [at('2026-10-25T02:30:00Z')])?.tzid).toBe('Europe/Berlin');
  });

  it('sends VTIMEZONEs without TZURL or X-LIC-LOCATION lines', () => {
    zonedTimes('America/New_York', [at('2026-01-15T17:00:00Z')]);
    const vtimezone = vtimezoneFor('America/New_York') ?? '';
    expect(vtimezone).toMatch(/^BEGIN:VTIMEZONE\r\nTZID:America\/New_York\r\n/);
    expect(vtimezone).not.toMatch(/TZURL|X-LIC-LOCATION/);
    expect(vtimezone.endsWith('END:VTIMEZONE')).toBe(true);
  });

  it('agrees with ical.js reading the same VTIMEZONE, wherever it writes a local time', () => {
    const zones = [
      'Europe/Berlin',
      'Europe/London',
      'America/New_York',
      'America/Los_Angeles',
      'America/Santiago',
      'Australia/Sydney',
      'Pacific/Auckland',
      'Asia/Tokyo',
      'Asia/Kolkata',
      'Asia/Beirut',
    ];
    let checked = 0;
    for (const zone of zones) {
      for (
        let t = Date.UTC(2025, 0, 1, 5, 30);
        t < Date.UTC(2028, 0, 1);
        t += 9 * 86_400_000 + 7 * 3_600_000
      ) {
        const zoned = zonedTimes(zone, [new Date(t)]);
        if (!zoned) continue;
        const vcalendar = `BEGIN:VCALENDAR\r\n${vtimezoneFor(zoned.tzid)}\r\nEND:VCALENDAR`;
        const rules = new ICAL.Timezone(
          ICAL.Component.fromString(vcalendar).getFirstSubcomponent('vtimezone'),
        );
        const { year, month, day, hour, minute, second } = zoned.times[0];
        expect(new ICAL.Time({ year, month, day, hour, minute, second }, rules).toUnixTime() * 1000).toBe(t);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});

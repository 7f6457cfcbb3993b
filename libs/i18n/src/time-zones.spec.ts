import { isZoneName } from './format-time';
import { TIME_ZONE_ALIASES, modernTimeZone, timeZoneChoices } from './time-zones';

describe('time zone names', () => {
  it.each([
    ['Asia/Calcutta', 'Asia/Kolkata'],
    ['Europe/Kiev', 'Europe/Kyiv'],
    ['America/Godthab', 'America/Nuuk'],
    ['Asia/Saigon', 'Asia/Ho_Chi_Minh'],
    ['Etc/UTC', 'UTC'],
    ['Europe/Berlin', 'Europe/Berlin'],
    ['Asia/Kolkata', 'Asia/Kolkata'],
  ])('names %s by its modern name %s', (old, modern) => {
    expect(modernTimeZone(old)).toBe(modern);
  });

  it('does not treat object keys as zones', () => {
    expect(modernTimeZone('constructor')).toBe('constructor');
    expect(modernTimeZone('__proto__')).toBe('__proto__');
  });

  it('offers the modern names and none of the old ones, UTC first', () => {
    const zones = timeZoneChoices();
    expect(zones[0]).toBe('UTC');
    expect(zones).toEqual(expect.arrayContaining(['Asia/Kolkata', 'Europe/Kyiv', 'America/Nuuk']));
    for (const old of Object.keys(TIME_ZONE_ALIASES)) expect(zones).not.toContain(old);
    expect(new Set(zones).size).toBe(zones.length);
  });

  it('maps every alias to a zone this runtime converts, the same as the old name', () => {
    const at = new Date('2027-07-01T12:00:00Z');
    const offset = (zone: string): string =>
      new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'longOffset' }).format(at);
    for (const [old, modern] of Object.entries(TIME_ZONE_ALIASES)) {
      expect(isZoneName(modern)).toBe(true);
      expect(offset(modern)).toBe(offset(old));
    }
  });
});

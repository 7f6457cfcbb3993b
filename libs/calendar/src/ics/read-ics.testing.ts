import ICAL from 'ical.js';

/**
 * Test helper: reads ICS text with ical.js (Thunderbird's parser, independent of ical-generator)
 * and resolves local times through the VTIMEZONEs in the same object, as a client without its
 * own zone database (Outlook) would.
 */
export interface ReadIcs {
  calendar: ICAL.Component;
  events: ICAL.Component[];
  /** Content lines after unfolding, for assertions on the exact text. */
  lines: string[];
  /** The instant a DATE-TIME property denotes; throws for floating times or unknown TZIDs. */
  instant(event: ICAL.Component, name: string): Date;
}

export function readIcs(ics: string): ReadIcs {
  const calendar = ICAL.Component.fromString(ics);
  const zones = new Map<string, ICAL.Timezone>();
  for (const vtz of calendar.getAllSubcomponents('vtimezone')) {
    const tz = new ICAL.Timezone(vtz);
    zones.set(tz.tzid, tz);
  }
  return {
    calendar,
    events: calendar.getAllSubcomponents('vevent'),
    lines: ics.replace(/\r\n[ \t]/g, '').split('\r\n'),
    instant(event, name) {
      const prop = event.getFirstProperty(name);
      if (!prop) throw new Error(`no ${name}`);
      const value = prop.getFirstValue() as ICAL.Time;
      const tzid = prop.getParameter('tzid');
      if (typeof tzid === 'string') {
        const zone = zones.get(tzid);
        if (!zone) throw new Error(`no VTIMEZONE for ${tzid}`);
        const { year, month, day, hour, minute, second } = value;
        return new Date(new ICAL.Time({ year, month, day, hour, minute, second }, zone).toUnixTime() * 1000);
      }
      if (value.zone?.tzid !== 'UTC') throw new Error(`${name} is a floating time`);
      return value.toJSDate();
    },
  };
}

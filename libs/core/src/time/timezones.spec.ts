import { isIanaTimeZone } from './timezones';

describe('isIanaTimeZone', () => {
  it.each(['Europe/Berlin', 'America/Argentina/Buenos_Aires', 'UTC', 'Asia/Calcutta'])(
    'accepts %s',
    (zone) => {
      expect(isIanaTimeZone(zone)).toBe(true);
    },
  );
  it.each(['Mars/Olympus', 'EST', 'CET', '', 'Europe/Berlin; DROP', 'europe'])('refuses %s', (zone) => {
    expect(isIanaTimeZone(zone)).toBe(false);
  });
});

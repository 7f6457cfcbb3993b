import { dayBoundary, haversineKm, kindsOf, parseCoordinates } from './listing-filter';

describe('listing filter words', () => {
  it('reads typed coordinates, refusing out-of-range ones', () => {
    expect(parseCoordinates('52.52, 13.405')).toEqual({ latitude: 52.52, longitude: 13.405 });
    expect(parseCoordinates('-33.9 18.4')).toEqual({ latitude: -33.9, longitude: 18.4 });
    expect(parseCoordinates('91,0')).toBe('invalid');
    expect(parseCoordinates('0,181')).toBe('invalid');
    expect(parseCoordinates('Berlin')).toBeNull();
  });

  it('measures great-circle distances', () => {
    // Berlin to Paris is about 878 km.
    const d = haversineKm({ latitude: 52.52, longitude: 13.405 }, { latitude: 48.8566, longitude: 2.3522 });
    expect(d).toBeGreaterThan(870);
    expect(d).toBeLessThan(885);
    expect(haversineKm({ latitude: 10, longitude: 10 }, { latitude: 10, longitude: 10 })).toBe(0);
  });

  it('reads days in a zone, `to` up to the end of its day', () => {
    expect(dayBoundary('2027-03-28', 'Europe/Berlin', 'start')?.toISOString()).toBe(
      '2027-03-27T23:00:00.000Z',
    );
    expect(dayBoundary('2027-03-28', 'Europe/Berlin', 'end')?.toISOString()).toBe('2027-03-28T22:00:00.000Z');
    expect(dayBoundary('2027-02-30', 'UTC', 'start')).toBeNull();
    expect(dayBoundary('tomorrow', 'UTC', 'start')).toBeNull();
  });

  it('maps kind words to event kinds', () => {
    expect(kindsOf('online')).toEqual(['online_discussion', 'virtual_networking', 'hybrid']);
    expect(kindsOf('networking')).toEqual(['virtual_networking']);
  });
});

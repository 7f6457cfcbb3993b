import { capacityFor, modeFor, placeGoing } from './rsvp-rules';

const base = {
  current: null,
  approvalRequired: false,
  byOrganizer: false,
  seatsNeeded: 1,
  seatsLeft: 1,
  waitlistEnabled: true,
};

describe('placeGoing', () => {
  it('seats when a seat is free and waitlists the next', () => {
    expect(placeGoing(base)).toBe('going');
    expect(placeGoing({ ...base, seatsLeft: 0 })).toBe('waitlisted');
    expect(placeGoing({ ...base, seatsLeft: 0, waitlistEnabled: false })).toBe('full');
    expect(placeGoing({ ...base, seatsLeft: null })).toBe('going');
  });

  it('counts guests as seats', () => {
    expect(placeGoing({ ...base, seatsNeeded: 3, seatsLeft: 2 })).toBe('waitlisted');
  });

  it('sends everyone through approval when required, unless an organizer acts', () => {
    expect(placeGoing({ ...base, approvalRequired: true })).toBe('pending_approval');
    expect(placeGoing({ ...base, approvalRequired: true, byOrganizer: true })).toBe('going');
    expect(placeGoing({ ...base, current: 'pending_approval' })).toBe('pending_approval');
  });

  it('keeps a waitlisted person in line rather than letting them jump it', () => {
    expect(placeGoing({ ...base, current: 'waitlisted' })).toBe('waitlisted');
  });
});

describe('modes', () => {
  it('asks hybrid events for a mode and fixes it for others', () => {
    expect(modeFor({ kind: 'hybrid' }, undefined)).toBe('missing');
    expect(modeFor({ kind: 'hybrid' }, 'online')).toBe('online');
    expect(modeFor({ kind: 'in_person' }, undefined)).toBe('in_person');
    expect(modeFor({ kind: 'virtual_networking' }, 'in_person')).toBe('mismatch');
    expect(capacityFor({ kind: 'hybrid', capacity: 10, onlineCapacity: 100 }, 'online')).toBe(100);
    expect(capacityFor({ kind: 'in_person', capacity: 10, onlineCapacity: null }, 'in_person')).toBe(10);
  });
});

import { declaredSize, isInboundAddress } from './inbound-smtp.listener';

describe('isInboundAddress', () => {
  it.each(['rsvp+abc@hearth.test', 'RSVP+ABC@Hearth.Test', 'anything@hearth.test.', 'a@b@hearth.test'])(
    'accepts %s for hearth.test',
    (address) => expect(isInboundAddress(address, 'hearth.test')).toBe(true),
  );

  it.each([
    'rsvp+abc@evil.test',
    'rsvp+abc@x.hearth.test',
    'rsvp+abc@hearth.test.evil.test',
    '@hearth.test',
    'hearth.test',
  ])('refuses %s (no relaying)', (address) => expect(isInboundAddress(address, 'hearth.test')).toBe(false));
});

describe('declaredSize', () => {
  it('reads SIZE= of MAIL FROM, and nothing when it is absent or not digits', () => {
    expect(declaredSize({ address: 'a@x.org', args: { SIZE: '9999999' } })).toBe(9999999);
    expect(declaredSize({ address: 'a@x.org', args: { BODY: '8BITMIME' } })).toBeNull();
    expect(declaredSize({ address: 'a@x.org', args: { SIZE: 'ten' } })).toBeNull();
    expect(declaredSize({ address: '', args: {} })).toBeNull();
  });
});

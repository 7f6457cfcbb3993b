import { isInboundAddress } from './inbound-smtp.listener';

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

import { webhookSecretMatches } from './webhook-secret';

const SECRET = 'inbound-webhook-secret-0123456789-abcdef';

describe('webhookSecretMatches', () => {
  it.each([
    [{ authorization: `Bearer ${SECRET}` }],
    [{ authorization: `bearer   ${SECRET}  ` }],
    [{ 'x-hearth-inbound-secret': SECRET }],
  ])('accepts the secret in %j', (headers) => {
    expect(webhookSecretMatches(headers, SECRET)).toBe(true);
  });

  it.each([
    [{}],
    [{ authorization: SECRET }],
    [{ authorization: `Basic ${SECRET}` }],
    [{ authorization: `Bearer ${SECRET.slice(0, -1)}` }],
    [{ authorization: `Bearer ${SECRET}x` }],
    [{ authorization: 'Bearer ' }],
    [{ 'x-hearth-inbound-secret': ['a', 'b'] }],
    // A wrong bearer is not rescued by a right header: the Authorization header is read first.
    [{ authorization: 'Bearer nope', 'x-hearth-inbound-secret': SECRET }],
  ])('refuses %j', (headers) => {
    expect(webhookSecretMatches(headers, SECRET)).toBe(false);
  });
});

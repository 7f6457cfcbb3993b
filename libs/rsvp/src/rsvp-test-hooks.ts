import { Injectable } from '@nestjs/common';

/**
 * Test-only switch for the race test's negative control: with `capacityGuardsOff` the RSVP path
 * takes no event row lock and turns off the database capacity trigger for its transaction, so the
 * same test must then see overselling. Nothing in production sets it.
 */
@Injectable()
export class RsvpTestHooks {
  capacityGuardsOff = false;
}

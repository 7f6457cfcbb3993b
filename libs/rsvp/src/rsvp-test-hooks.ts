import { Injectable } from '@nestjs/common';

/**
 * Test-only switches. `capacityGuardsOff`, for the race test's negative control: the RSVP path takes
 * no event row lock and turns off the database capacity trigger for its transaction, so the same
 * test must then see overselling. `afterRead`, awaited by RsvpService.respond between the read an
 * answer is first decided on and the guarded write, so a test can change what was read. Nothing in
 * production sets either.
 */
@Injectable()
export class RsvpTestHooks {
  capacityGuardsOff = false;
  afterRead: (() => Promise<void>) | null = null;
}

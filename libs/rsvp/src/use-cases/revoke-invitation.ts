import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, DomainError, notFound } from '@app/core';
import { InvitationManagementService, InvitationsService } from '@app/events';
import { RsvpRepository } from '../rsvp.repository';
import { RsvpService } from '../rsvp.service';
import { WaitlistService } from '../waitlist.service';

export interface RevokeOutcome {
  /** False when the invitation was already revoked (nothing changed). */
  changed: boolean;
  /** A CANCEL went to the person for the copy they had been sent. */
  cancelSent: boolean;
  /** Their RSVP (going, waitlisted, pending or maybe) was withdrawn (now declined). */
  rsvpWithdrawn: boolean;
}

/**
 * An organizer withdraws someone's invitation to an event, in one transaction under the event lock:
 * their RSVP, if any other than "declined", is withdrawn as an organizer's "remove" does (declined,
 * in the history with the organizer as actor) and a freed seat goes to the waitlist; if a copy of the
 * invitation reached them, they get a CANCEL for their copy (the personal 'removed' notice, the one
 * a removal sends); then the invitation is marked revoked, so no later mail about the event reaches
 * them and no audience re-invites them. Only resending that one invitation reinstates it.
 */
@Injectable()
export class RevokeInvitation {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(RsvpService) private readonly rsvps: RsvpService,
    @Inject(WaitlistService) private readonly waitlist: WaitlistService,
    @Inject(InvitationsService) private readonly invitations: InvitationsService,
    @Inject(InvitationManagementService) private readonly management: InvitationManagementService,
    @Inject(RsvpRepository) private readonly repository: RsvpRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async revoke(eventId: string, actorId: string, userId: string): Promise<RevokeOutcome> {
    return this.dataSource.transaction(async (tx) => {
      const context = await this.rsvps.lockEvent(tx, eventId, actorId);
      if (!context.view.isOrganizer)
        throw new DomainError('FORBIDDEN', 'Only organizers of this group can do this');
      const { event } = context;
      const invitation = await this.management.invitationOf(tx, eventId, userId);
      if (!invitation) throw notFound('Invitation');
      if (invitation.revoked) return { changed: false, cancelSent: false, rsvpWithdrawn: false };
      const rsvp = await this.repository.lockRsvp(tx, eventId, userId);
      const withdraw = rsvp !== null && rsvp.status !== 'declined';
      if (withdraw) {
        await this.repository.writeRsvp(tx, {
          eventId,
          userId,
          status: 'declined',
          mode: rsvp.mode,
          guests: rsvp.guests,
          answers: rsvp.answers,
          cocAcknowledgedAt: rsvp.cocAcknowledgedAt,
          source: 'organizer',
          keepWaitlistSeq: null,
          history: { from: rsvp.status, actorId, note: 'invitation revoked by an organizer' },
        });
        if (rsvp.status === 'going') await this.waitlist.promote(tx, event, 'organizer');
      }
      // The CANCEL first: once revoked, the invitation takes no more copies.
      const cancel = invitation.sent && event.status === 'scheduled';
      if (cancel) await this.invitations.notifyAttendee(tx, event, userId, 'removed');
      await this.management.revokeInTx(tx, eventId, userId, this.clock.now());
      return { changed: true, cancelSent: cancel, rsvpWithdrawn: withdraw };
    });
  }
}

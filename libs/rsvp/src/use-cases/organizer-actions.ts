import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@app/core';
import { InvitationsService } from '@app/events';
import { rsvpError } from '../rsvp.errors';
import { RsvpEntity, RsvpMode } from '../rsvp.entity';
import { Answer } from '../rsvp-rules';
import { placeGoing } from '../rsvp-rules';
import { invitedOrAnswered, lockRsvp, seatsLeft, writeRsvp } from '../rsvp-store';
import { RsvpOutcome, RsvpService } from '../rsvp.service';
import { WaitlistService } from '../waitlist.service';

export type OrganizerAction = 'approve' | 'reject' | 'promote' | 'remove' | 'check-in';

/**
 * What organizers do to someone's RSVP. Each action locks the event and the RSVP row and checks the
 * current state, so two organizers approving the same person at once make exactly one transition
 * (the second finds them already approved and changes nothing).
 */
@Injectable()
export class OrganizerActions {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(RsvpService) private readonly rsvps: RsvpService,
    @Inject(WaitlistService) private readonly waitlist: WaitlistService,
    @Inject(InvitationsService) private readonly invitations: InvitationsService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /**
   * Sets an invited person's (or attendee's) answer on their behalf — they told an organizer by
   * phone, say. It goes through the one RSVP path with source `organizer`, recorded in the history
   * with the organizer as actor, so the rules that path applies to organizers hold: capacity and the
   * waitlist as for anyone, while approval, the RSVP window, questions and the code of conduct are
   * the organizer's to waive (as when they approve someone).
   */
  async setAnswer(
    eventId: string,
    actorId: string,
    userId: string,
    answer: { status: Answer; mode?: RsvpMode },
  ): Promise<RsvpOutcome> {
    return this.dataSource.transaction(async (tx) => {
      const context = await this.rsvps.lockEvent(tx, eventId, actorId);
      if (!context.view.isOrganizer) throw rsvpError('RSVP_NOT_FOUND', 'No such RSVP');
      // Only someone the event already concerns: an RSVP, or an invitation that was not withdrawn.
      const known = await invitedOrAnswered(tx, eventId, userId);
      if (!known) throw rsvpError('RSVP_NOT_FOUND', 'This person is not invited to the event');
      // A hybrid event's answer keeps the mode the person chose unless the organizer names one.
      const mode = answer.mode ?? known.mode ?? undefined;
      return this.rsvps.respondInTx(tx, {
        eventId,
        userId,
        answer: answer.status,
        ...(mode ? { mode } : {}),
        source: 'organizer',
        actorId,
        note: 'set by an organizer on their behalf',
      });
    });
  }

  async apply(
    eventId: string,
    actorId: string,
    userId: string,
    action: OrganizerAction,
  ): Promise<{ rsvp: RsvpEntity; changed: boolean }> {
    return this.dataSource.transaction(async (tx) => {
      const context = await this.rsvps.lockEvent(tx, eventId, actorId);
      if (!context.view.isOrganizer) throw rsvpError('RSVP_NOT_FOUND', 'No such RSVP');
      const { event } = context;
      const rsvp = await lockRsvp(tx, eventId, userId);
      if (!rsvp) throw rsvpError('RSVP_NOT_FOUND', 'No such RSVP');
      const mode = rsvp.mode ?? 'in_person';

      if (action === 'check-in') {
        if (rsvp.status !== 'going')
          throw rsvpError('RSVP_TRANSITION_INVALID', 'Only people who are going can be checked in');
        if (rsvp.checkedInAt) return { rsvp, changed: false };
        await tx.query(`UPDATE rsvps SET checked_in_at = $2, updated_at = now() WHERE id = $1`, [
          rsvp.id,
          this.clock.now(),
        ]);
        return { rsvp: { ...rsvp, checkedInAt: this.clock.now() }, changed: true };
      }

      let next: RsvpEntity['status'];
      if (action === 'approve') {
        if (rsvp.status !== 'pending_approval') return { rsvp, changed: false };
        const placed = placeGoing({
          current: null,
          approvalRequired: false,
          byOrganizer: true,
          seatsNeeded: 1 + rsvp.guests,
          seatsLeft: await seatsLeft(tx, event, mode),
          waitlistEnabled: event.waitlistEnabled,
        });
        if (placed === 'full') throw rsvpError('EVENT_FULL', 'No seat is free; raise the capacity first');
        next = placed;
      } else if (action === 'promote') {
        if (rsvp.status !== 'waitlisted') return { rsvp, changed: false };
        const left = await seatsLeft(tx, event, mode);
        if (left !== null && left < 1 + rsvp.guests)
          throw rsvpError('EVENT_FULL', 'No seat is free; raise the capacity first');
        next = 'going';
      } else if (action === 'reject') {
        if (rsvp.status !== 'pending_approval') return { rsvp, changed: false };
        next = 'declined';
      } else {
        if (rsvp.status === 'declined') return { rsvp, changed: false };
        next = 'declined';
      }

      const note = {
        approve: 'approved',
        reject: 'rejected',
        promote: 'promoted by an organizer',
        remove: 'removed by an organizer',
      }[action];
      const updated = await writeRsvp(tx, {
        eventId,
        userId,
        status: next,
        mode: rsvp.mode,
        guests: rsvp.guests,
        answers: rsvp.answers,
        cocAcknowledgedAt: rsvp.cocAcknowledgedAt,
        source: 'organizer',
        keepWaitlistSeq: null,
        history: { from: rsvp.status, actorId, note },
      });
      if (rsvp.status === 'going' && next !== 'going') await this.waitlist.promote(tx, event, 'organizer');
      // A rejected request leaves the calendar the way a removal does: a CANCEL for that person.
      const kind =
        action === 'remove' || action === 'reject'
          ? 'removed'
          : next === 'waitlisted'
            ? 'waitlisted'
            : 'confirmed';
      await this.invitations.notifyAttendee(tx, event, userId, kind);
      return { rsvp: updated, changed: true };
    });
  }
}

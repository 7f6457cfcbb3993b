import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@app/core';
import { EventEntity, InvitationsService } from '@app/events';
import { rsvpError } from '../rsvp.errors';
import { RsvpEntity, RsvpMode } from '../rsvp.entity';
import { Answer } from '../rsvp-rules';
import { placeGoing } from '../rsvp-rules';
import { RsvpRepository } from '../rsvp.repository';
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
    @Inject(RsvpRepository) private readonly repository: RsvpRepository,
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
      const answered = await this.repository.answeredMode(tx, eventId, userId);
      if (answered === undefined && !(await this.invitations.isInvited(tx, eventId, userId)))
        throw rsvpError('RSVP_NOT_FOUND', 'This person is not invited to the event');
      // A hybrid event's answer keeps the mode the person chose unless the organizer names one.
      const mode = answer.mode ?? answered ?? undefined;
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
      const rsvp = await this.repository.lockRsvp(tx, eventId, userId);
      if (!rsvp) throw rsvpError('RSVP_NOT_FOUND', 'No such RSVP');
      if (action === 'check-in') {
        if (rsvp.status !== 'going')
          throw rsvpError('RSVP_TRANSITION_INVALID', 'Only people who are going can be checked in');
        if (rsvp.checkedInAt) return { rsvp, changed: false };
        await this.repository.markCheckedIn(tx, rsvp.id, this.clock.now());
        return { rsvp: { ...rsvp, checkedInAt: this.clock.now() }, changed: true };
      }

      const next = await this.nextStatus(tx, event, rsvp, action);
      if (next === null) return { rsvp, changed: false };

      const note = {
        approve: 'approved',
        reject: 'rejected',
        promote: 'promoted by an organizer',
        remove: 'removed by an organizer',
      }[action];
      const updated = await this.repository.writeRsvp(tx, {
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

  /** The status an action moves the RSVP to; null when it is already there (nothing to change). */
  private async nextStatus(
    tx: EntityManager,
    event: EventEntity,
    rsvp: RsvpEntity,
    action: Exclude<OrganizerAction, 'check-in'>,
  ): Promise<RsvpEntity['status'] | null> {
    const mode = rsvp.mode ?? 'in_person';
    if (action === 'approve') {
      if (rsvp.status !== 'pending_approval') return null;
      const placed = placeGoing({
        current: null,
        approvalRequired: false,
        byOrganizer: true,
        seatsNeeded: 1 + rsvp.guests,
        seatsLeft: await this.repository.seatsLeft(tx, event, mode),
        waitlistEnabled: event.waitlistEnabled,
      });
      if (placed === 'full') throw rsvpError('EVENT_FULL', 'No seat is free; raise the capacity first');
      return placed;
    } else if (action === 'promote') {
      if (rsvp.status !== 'waitlisted') return null;
      const left = await this.repository.seatsLeft(tx, event, mode);
      if (left !== null && left < 1 + rsvp.guests)
        throw rsvpError('EVENT_FULL', 'No seat is free; raise the capacity first');
      return 'going';
    } else if (action === 'reject') {
      if (rsvp.status !== 'pending_approval') return null;
      return 'declined';
    } else {
      if (rsvp.status === 'declined') return null;
      return 'declined';
    }
  }
}

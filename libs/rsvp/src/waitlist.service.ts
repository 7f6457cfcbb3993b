import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEntity, EventHooks, InvitationsService } from '@app/events';
import { RsvpEntity, RsvpMode, RsvpSource } from './rsvp.entity';
import { addHistory, seatsLeft } from './rsvp-store';

/**
 * First in, first out: while the next person in line fits, they get the seat — in the transaction
 * that freed it — and are told through the outbox. Strict order: a party of three at the head of
 * the line is not skipped for a single behind it.
 */
@Injectable()
export class WaitlistService {
  constructor(
    @Inject(InvitationsService) private readonly invitations: InvitationsService,
    @Inject(EventHooks) hooks: EventHooks,
  ) {
    // Raised capacity (or a change of kind) frees seats: promote in the same transaction.
    hooks.onChange(async (tx, before, after) => {
      if (
        after.status === 'scheduled' &&
        (after.capacity !== before.capacity || after.onlineCapacity !== before.onlineCapacity)
      ) {
        await this.promote(tx, after, 'organizer');
      }
    });
  }

  async promote(tx: EntityManager, event: EventEntity, source: RsvpSource): Promise<string[]> {
    if (event.status !== 'scheduled') return [];
    const modes: Array<RsvpMode | null> = event.kind === 'hybrid' ? ['in_person', 'online'] : [null];
    const promoted: string[] = [];
    for (const mode of modes) {
      for (;;) {
        const next = await tx
          .getRepository(RsvpEntity)
          .createQueryBuilder('r')
          .setLock('pessimistic_write')
          .where(`r.event_id = :id AND r.status = 'waitlisted'`, { id: event.id })
          .andWhere(mode ? 'r.mode = :mode' : '1 = 1', { mode })
          .orderBy('r.waitlist_seq', 'ASC')
          .limit(1)
          .getOne();
        if (!next) break;
        const left = await seatsLeft(tx, event, next.mode ?? 'in_person');
        if (left !== null && left < 1 + next.guests) break;
        await tx.query(
          `UPDATE rsvps SET status = 'going', waitlist_seq = NULL, updated_at = now() WHERE id = $1`,
          [next.id],
        );
        await addHistory(tx, {
          rsvp: { ...next, status: 'going' },
          from: 'waitlisted',
          source,
          actorId: null,
          note: 'promoted from the waitlist',
        });
        await this.invitations.notifyAttendee(tx, event, next.userId, 'confirmed');
        promoted.push(next.userId);
      }
    }
    return promoted;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MetricsService } from '@app/core';
import { EventEntity, EventHooks, InvitationsService } from '@app/events';
import { RsvpMode, RsvpSource } from './rsvp.entity';
import { RsvpRepository } from './rsvp.repository';

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
    @Inject(MetricsService) private readonly metrics: MetricsService,
    @Inject(RsvpRepository) private readonly repository: RsvpRepository,
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
        const next = await this.repository.lockWaitlistHead(tx, event.id, mode);
        if (!next) break;
        const left = await this.repository.seatsLeft(tx, event, next.mode ?? 'in_person');
        if (left !== null && left < 1 + next.guests) break;
        await this.repository.markPromoted(tx, next, source, 'promoted from the waitlist');
        await this.invitations.notifyAttendee(tx, event, next.userId, 'confirmed');
        this.metrics.rsvpChanges.inc({ source, status: 'going' });
        promoted.push(next.userId);
      }
    }
    return promoted;
  }
}

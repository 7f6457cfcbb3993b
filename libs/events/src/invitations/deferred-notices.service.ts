import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { OutboxService, OutgoingMail } from '@app/mail';
import { EventEntity } from '../events/event.entity';
import { InvitationComposer } from './invitation-composer';
import { InvitationsRepository, NoticeIntent } from './invitations.repository';

/** Deferred notices composed per worker transaction. */
const COMPOSE_BATCH = 100;

/**
 * Composes the notices an RSVP queued as intents (InvitationsService.notifyAttendee), after the RSVP
 * committed and outside its event lock, as the fan-out worker composes its batches: claim a batch
 * of intents (SKIP LOCKED, so any number of workers share them), read each recipient and event as
 * they are now, render, and fill the rows in, in one transaction — a worker that dies leaves the
 * intents to the next. The SEQUENCE is the one the RSVP numbered; the PARTSTAT is the answer as the
 * RSVP left it; language, zone, address and what the person may see of the venue are decided at
 * composing time (send time): a person who cancelled or was removed in between is not shown a
 * venue they may no longer see. An intent whose invitation was withdrawn since (or whose person was
 * banned) is dropped, except a 'removed' notice, which exists for exactly that.
 */
@Injectable()
export class DeferredNoticesService {
  private readonly logger = new Logger(DeferredNoticesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(InvitationsRepository) private readonly invitations: InvitationsRepository,
    @Inject(InvitationComposer) private readonly composer: InvitationComposer,
  ) {}

  /** Composes one batch of deferred notices; how many intents it handled (0: none waiting). */
  composeDue(limit = COMPOSE_BATCH): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const due = await this.outbox.claimDeferred(tx, limit);
      if (due.length === 0) return 0;
      const intents = due.map((d) => ({ id: d.id, ...(d.compose as unknown as NoticeIntent) }));
      const recipients = new Map(
        (await this.invitations.noticeRecipients(tx, [...new Set(intents.map((i) => i.invitationId))])).map(
          (r) => [r.invitation_id, r],
        ),
      );
      const eventIds = [...new Set([...recipients.values()].map((r) => r.event_id))];
      const events = new Map(
        (eventIds.length > 0 ? await tx.findBy(EventEntity, { id: In(eventIds) }) : []).map((e) => [e.id, e]),
      );
      const filled: Array<{ id: string; mail: OutgoingMail }> = [];
      const dropped: string[] = [];
      for (const intent of intents) {
        const row = recipients.get(intent.invitationId);
        const event = row && events.get(row.event_id);
        const gone = !row || !event;
        if (gone || (intent.kind !== 'removed' && (row.revoked || row.membership_status === 'banned'))) {
          dropped.push(intent.id);
          continue;
        }
        try {
          const mail = this.composer.compose(event, row, intent.kind, intent.sequence, {
            answered: intent.answer,
          });
          filled.push({ id: intent.id, mail });
        } catch (error) {
          // Bad data in one person's row costs that notice only, as in a fan-out batch.
          dropped.push(intent.id);
          this.logger.error({
            msg: `deferred notice could not be rendered: ${(error as Error).message}`,
            outboxId: intent.id,
            userId: row.user_id,
          });
        }
      }
      await this.outbox.fillDeferred(tx, filled);
      await this.outbox.dropDeferred(tx, dropped);
      return intents.length;
    });
  }
}

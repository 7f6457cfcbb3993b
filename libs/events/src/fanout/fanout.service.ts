import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Env, MetricsService, notFound } from '@app/core';
import { OutboxService, OutgoingMail } from '@app/mail';
import { EventContextService } from '../events/event-context.service';
import { EventEntity } from '../events/event.entity';
import { InvitationComposer } from '../invitations/invitation-composer';
import { InvitationsRepository, RecipientRow } from '../invitations/invitations.repository';
import {
  ClaimedBatch,
  FanoutJobRow,
  FanoutKind,
  FanoutProgressRow,
  FanoutRepository,
  FanoutStatus,
} from './fanout.repository';

export type { ClaimedBatch };

/** Attempts a key range gets (runs that failed, or whose worker died) before it is given up. */
export const FANOUT_MAX_ATTEMPTS = 5;
/** The first retry's delay after a failed run; doubles per attempt (0.5, 1, 2, 4 s). */
const FANOUT_RETRY_MS = 500;

/** A job's progress as the API shows it. */
export interface FanoutProgress {
  id: string;
  eventId: string;
  kind: FanoutKind;
  status: FanoutStatus;
  total: number;
  rendered: number;
  skipped: number;
  queued: number;
  sent: number;
  failed: number;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** From the rate observed so far; null before there is one, 0 once everything has left. */
  estimatedSecondsRemaining: number | null;
}

/**
 * The worker side of fan-out jobs (DESIGN: fan-out as a background job). A claim transaction hands
 * out a bounded key range of the first runnable job under a lease (or takes over a range whose
 * worker's lease ran out); the batch transaction then expands, renders and queues exactly that range
 * and counts it. Killed mid-batch, the batch transaction rolls back and the range is claimed again
 * once its lease ends: nothing lost, nothing twice. Ranges are independent, so several workers share
 * one big job. Each batch renders from the event row as it is now: a recipient whose copy already
 * carries the event's current SEQUENCE is skipped, so nobody gets an older version after a newer one.
 */
@Injectable()
export class FanoutService {
  private readonly logger = new Logger(FanoutService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FanoutRepository) private readonly jobs: FanoutRepository,
    @Inject(InvitationsRepository) private readonly invitations: InvitationsRepository,
    @Inject(InvitationComposer) private readonly composer: InvitationComposer,
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(EventContextService) private readonly contexts: EventContextService,
    @Inject(MetricsService) private readonly metrics: MetricsService,
    @Inject(Env) private readonly env: Env,
  ) {}

  /** A batch to run, `progress` when a job was finished off without one, null when there is no work. */
  claim(): Promise<ClaimedBatch | 'progress' | null> {
    const leaseMs = this.env.FANOUT_LEASE_MS;
    return this.dataSource.transaction(async (tx) => {
      const expired = await this.jobs.reclaimExpired(tx, leaseMs);
      // A range that failed (or whose worker died) too often is given up: the job goes on without it.
      if (expired && expired.attempts > FANOUT_MAX_ATTEMPTS) {
        await this.jobs.abandon(tx, expired);
        return 'progress';
      }
      if (expired) return expired;
      const job = await this.jobs.lockNextJob(tx);
      if (!job) return null;
      return (await this.jobs.openBatch(tx, job, this.env.FANOUT_BATCH_SIZE, leaseMs)) ?? 'progress';
    });
  }

  /** Runs one claimed batch in one transaction; returns how many messages it queued. */
  runBatch(batch: ClaimedBatch): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      if (!(await this.jobs.takeBatch(tx, batch))) return 0;
      const job = await this.jobs.job(tx, batch.job_id);
      const event = await tx.findOneByOrFail(EventEntity, { id: job.event_id });
      // An audience job invites its range even while the event is a draft (publication mails them).
      const keys = job.audience
        ? await this.jobs.expandInvitations(tx, job, batch)
        : await this.jobs.keysIn(tx, job, batch);
      const rows =
        keys.length > 0 && mailable(job.kind, event)
          ? await this.invitations.recipients(tx, event, job.kind, keys)
          : [];
      const { mails, sent, unrendered } = this.render(job, event, rows);
      await this.outbox.enqueue(tx, ...mails);
      if (sent.length > 0) await this.invitations.markSent(tx, sent, job.kind, event.sequence);
      const skipped = Math.max(0, batch.size - mails.length - unrendered);
      await this.jobs.finishBatch(tx, job.id, mails.length, skipped, unrendered);
      // Counted inside the batch transaction: a rare rollback after this overcounts.
      if (mails.length > 0) this.metrics.mailQueued.inc({ kind: job.kind }, mails.length);
      return mails.length;
    });
  }

  /**
   * Each wanted recipient's message. A message that cannot be rendered (bad data in one person's
   * row) costs that person only: they are counted as unreached and the batch goes on.
   */
  private render(
    job: FanoutJobRow,
    event: EventEntity,
    rows: RecipientRow[],
  ): { mails: OutgoingMail[]; sent: Array<{ id: string; sequence: number }>; unrendered: number } {
    const mails: OutgoingMail[] = [];
    const sent: Array<{ id: string; sequence: number }> = [];
    let unrendered = 0;
    for (const row of rows) {
      if (!wanted(job, event, row)) continue;
      // Each recipient's copy only moves forward: a personal REQUEST (say, the promotion that
      // reveals the venue) may have taken them past the event's own SEQUENCE.
      const sequence =
        row.last_sequence_sent === null
          ? event.sequence
          : Math.max(event.sequence, row.last_sequence_sent + 1);
      try {
        mails.push({ ...this.composer.compose(event, row, job.kind, sequence, job.options), jobId: job.id });
        sent.push({ id: row.invitation_id, sequence });
      } catch (error) {
        unrendered++;
        this.logger.error({
          msg: `fan-out: a message could not be rendered: ${(error as Error).message}`,
          jobId: job.id,
          userId: row.user_id,
        });
      }
    }
    return { mails, sent, unrendered };
  }

  /**
   * After a failed run (a deadlock, a lost connection, a message that cannot be rendered): the batch
   * is retried after a short backoff that doubles per attempt, not after its whole lease, and given up
   * after FANOUT_MAX_ATTEMPTS.
   */
  release(batch: ClaimedBatch, error: string): Promise<void> {
    return this.jobs.release(this.dataSource.manager, batch, error, FANOUT_RETRY_MS);
  }

  /** A job's progress, for an organizer of its event or the instance owner; 404 for anyone else. */
  async progress(jobId: string, userId: string, instanceOwner: boolean): Promise<FanoutProgress> {
    const [row] = await this.jobs.progress(this.dataSource.manager, 'job', jobId);
    if (!row) throw notFound('Job');
    await this.requireOrganizer(row.event_id, userId, instanceOwner, 'Job');
    return toProgress(row, new Date());
  }

  /** The event's recent jobs, newest first. */
  async forEvent(
    eventId: string,
    userId: string,
    instanceOwner: boolean,
    limit = 20,
  ): Promise<FanoutProgress[]> {
    await this.requireOrganizer(eventId, userId, instanceOwner, 'Event');
    const rows = await this.jobs.progress(this.dataSource.manager, 'event', eventId, limit);
    const now = new Date();
    return rows.map((r) => toProgress(r, now));
  }

  /** The instance's most recent jobs, newest first (the instance owner's Mail view). */
  async recent(limit: number): Promise<FanoutProgress[]> {
    const rows = await this.jobs.progress(this.dataSource.manager, 'all', null, limit);
    const now = new Date();
    return rows.map((r) => toProgress(r, now));
  }

  /** How many jobs are queued or running. */
  unfinished(): Promise<number> {
    return this.jobs.unfinished(this.dataSource.manager);
  }

  private async requireOrganizer(
    eventId: string,
    userId: string,
    instanceOwner: boolean,
    what: string,
  ): Promise<void> {
    if (instanceOwner) return;
    const context = await this.contexts.load(eventId, userId);
    if (!context?.view.canSee || !context.view.isOrganizer) throw notFound(what);
  }
}

/** Whether a job of this kind still mails anyone for the event as it is now. */
function mailable(kind: FanoutKind, event: EventEntity): boolean {
  if (event.status === 'draft') return false;
  // The rest of an invitation, update or reminder job for an event cancelled meanwhile sends nothing.
  if (event.status === 'cancelled') return kind === 'cancellation';
  return kind !== 'cancellation';
}

function wanted(job: FanoutJobRow, event: EventEntity, row: RecipientRow): boolean {
  if (row.membership_status === 'banned') return false;
  // Updates skip people who said no; cancellations reach those who got a copy.
  if (job.kind === 'update' && row.rsvp_status === 'declined') return false;
  if (job.kind === 'cancellation' && row.last_sequence_sent === null) return false;
  if (job.kind === 'reminder' || job.only_user_ids) return true;
  // Already holds the current version (a later batch or job reached them first): nothing older follows.
  const held = row.event_sequence_sent ?? null;
  return held === null || held < event.sequence;
}

function toProgress(row: FanoutProgressRow, now: Date): FanoutProgress {
  const processed = row.rendered + row.skipped;
  let estimate: number | null = null;
  if (row.status !== 'queued' && row.queued === 0 && processed >= row.total) estimate = 0;
  else if (row.started_at) {
    const elapsedS = Math.max(0.001, (now.getTime() - new Date(row.started_at).getTime()) / 1000);
    const renderLeft = processed > 0 ? Math.max(0, row.total - processed) / (processed / elapsedS) : null;
    const sendLeft = row.sent > 0 ? row.queued / (row.sent / elapsedS) : null;
    if (renderLeft !== null || sendLeft !== null)
      estimate = Math.ceil(Math.max(renderLeft ?? 0, sendLeft ?? 0));
  }
  return {
    id: row.id,
    eventId: row.event_id,
    kind: row.kind,
    status: row.status,
    total: row.total,
    rendered: row.rendered,
    skipped: row.skipped,
    queued: row.queued,
    sent: row.sent,
    failed: row.failed,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    estimatedSecondsRemaining: estimate,
  };
}

import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { queryRows } from '@app/core';
import { Audience } from '../invitations/audience';
import { audienceCandidatesSql } from '../invitations/audience.repository';

/*
 * fanout_jobs and fanout_batches (events owns them), plus the job's own view of invitations (events)
 * and, for progress, how its messages fared in outbox_messages (a shared read model, listed in
 * scripts/table-ownership.ts: one aggregate per progress poll instead of a call per message).
 */

export const FANOUT_KINDS = ['invitation', 'update', 'cancellation', 'reminder'] as const;
export type FanoutKind = (typeof FANOUT_KINDS)[number];
export const FANOUT_STATUSES = ['queued', 'running', 'done', 'failed', 'superseded'] as const;
export type FanoutStatus = (typeof FANOUT_STATUSES)[number];

export interface FanoutOptions {
  changes?: Array<'time' | 'place' | 'join-link'>;
  lead?: '24h' | '1h';
}

export interface NewFanoutJob {
  eventId: string;
  kind: FanoutKind;
  audience: Audience | null;
  onlyUserIds: string[] | null;
  options: FanoutOptions;
  invitedBy: string | null;
  total: number;
}

export interface FanoutJobRow {
  id: string;
  event_id: string;
  group_id: string;
  kind: FanoutKind;
  audience: Audience | null;
  only_user_ids: string[] | null;
  options: FanoutOptions;
  invited_by: string | null;
  status: FanoutStatus;
  cursor: string | null;
}

/** A key range of one job (user ids after `after_key`, up to and including `upto_key`) held under a lease. */
export interface ClaimedBatch {
  id: string;
  job_id: string;
  after_key: string | null;
  upto_key: string;
  size: number;
  lease_token: string;
  /** How many times the range was handed out (a retry after a failure or a dead worker counts). */
  attempts: number;
}

export interface FanoutProgressRow {
  id: string;
  event_id: string;
  kind: FanoutKind;
  status: FanoutStatus;
  total: number;
  rendered: number;
  skipped: number;
  queued: number;
  sent: number;
  failed: number;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

const BEFORE_ALL = '00000000-0000-0000-0000-000000000000';

/** The candidate keys of a job as one `user_id` column; parameters appended to `params`. */
function candidatesSql(job: FanoutJobRow, params: unknown[]): string {
  if (job.audience) {
    params.push(job.group_id);
    return audienceCandidatesSql(job.audience, params.length, params);
  }
  params.push(job.event_id, job.only_user_ids);
  const e = `$${params.length - 1}`;
  const only = `$${params.length}`;
  return `SELECT user_id FROM invitations
           WHERE event_id = ${e} AND revoked_at IS NULL AND (${only}::uuid[] IS NULL OR user_id = ANY(${only}::uuid[]))`;
}

@Injectable()
export class FanoutRepository {
  async insertJob(tx: EntityManager, job: NewFanoutJob): Promise<string> {
    const [row] = await queryRows<{ id: string }>(
      tx,
      `INSERT INTO fanout_jobs (event_id, kind, audience, only_user_ids, options, invited_by, total)
       VALUES ($1, $2, $3::jsonb, $4::uuid[], $5::jsonb, $6, $7) RETURNING id`,
      [
        job.eventId,
        job.kind,
        job.audience ? JSON.stringify(job.audience) : null,
        job.onlyUserIds,
        JSON.stringify(job.options),
        job.invitedBy,
        job.total,
      ],
    );
    return row.id;
  }

  /** How many people an audience names in the group (the job's estimated total). */
  async countAudience(tx: EntityManager, groupId: string, audience: Audience): Promise<number> {
    const params: unknown[] = [groupId];
    const sql = audienceCandidatesSql(audience, 1, params);
    const [row] = await queryRows<{ n: number }>(tx, `SELECT count(*)::int AS n FROM (${sql}) c`, params);
    return row?.n ?? 0;
  }

  /** A batch whose worker's lease ran out (it died): taken over under a new lease. */
  async reclaimExpired(tx: EntityManager, leaseMs: number): Promise<ClaimedBatch | null> {
    const [row] = await queryRows<ClaimedBatch>(
      tx,
      `UPDATE fanout_batches SET lease_token = $1, claimed_until = now() + $2 * interval '1 millisecond',
              attempts = attempts + 1
        WHERE id = (SELECT id FROM fanout_batches WHERE status = 'claimed' AND claimed_until < now()
                     ORDER BY claimed_until LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING id, job_id, after_key, upto_key, size, lease_token, attempts`,
      [randomUUID(), leaseMs],
    );
    return row ?? null;
  }

  /**
   * Locks the first job with keys left to hand out whose event has no earlier unfinished job (jobs of
   * one event run one after another); other workers skip it while the lock is held.
   */
  async lockNextJob(tx: EntityManager): Promise<FanoutJobRow | null> {
    const [row] = await queryRows<FanoutJobRow>(
      tx,
      `SELECT j.id, j.event_id, e.group_id, j.kind, j.audience, j.only_user_ids, j.options, j.invited_by,
              j.status, j.cursor
         FROM fanout_jobs j JOIN events e ON e.id = j.event_id
        WHERE j.status IN ('queued', 'running') AND NOT j.exhausted
          AND NOT EXISTS (SELECT 1 FROM fanout_jobs p WHERE p.event_id = j.event_id AND p.position < j.position
                             AND p.status IN ('queued', 'running'))
        ORDER BY j.position LIMIT 1 FOR UPDATE OF j SKIP LOCKED`,
    );
    return row ?? null;
  }

  async job(tx: EntityManager, jobId: string): Promise<FanoutJobRow> {
    const [row] = await queryRows<FanoutJobRow>(
      tx,
      `SELECT j.id, j.event_id, e.group_id, j.kind, j.audience, j.only_user_ids, j.options, j.invited_by,
              j.status, j.cursor
         FROM fanout_jobs j JOIN events e ON e.id = j.event_id WHERE j.id = $1`,
      [jobId],
    );
    return row;
  }

  /**
   * Hands out the next key range of a locked job: the next `size` candidate keys after its cursor
   * become a batch under a lease and the cursor moves past them. No keys left: the job is exhausted
   * (and done when no batch is open). Null: nothing handed out.
   */
  async openBatch(
    tx: EntityManager,
    job: FanoutJobRow,
    size: number,
    leaseMs: number,
  ): Promise<ClaimedBatch | null> {
    const params: unknown[] = [];
    const sql = candidatesSql(job, params);
    params.push(job.cursor ?? BEFORE_ALL, size);
    const [range] = await queryRows<{ upto: string; n: number }>(
      tx,
      `SELECT user_id AS upto, count(*) OVER ()::int AS n FROM (
         SELECT user_id FROM (${sql}) c WHERE user_id > $${params.length - 1}::uuid
          ORDER BY user_id LIMIT $${params.length}) k
        ORDER BY user_id DESC LIMIT 1`,
      params,
    );
    if (!range) {
      await tx.query(
        `UPDATE fanout_jobs SET exhausted = true,
                total = coalesce((SELECT sum(size)::int FROM fanout_batches WHERE job_id = $1), 0),
                status = CASE WHEN batches_open > 0 THEN 'running' WHEN unreached > 0 THEN 'failed' ELSE 'done' END,
                started_at = coalesce(started_at, now()),
                finished_at = CASE WHEN batches_open = 0 THEN now() END
          WHERE id = $1`,
        [job.id],
      );
      return null;
    }
    const [batch] = await queryRows<ClaimedBatch>(
      tx,
      `INSERT INTO fanout_batches (job_id, after_key, upto_key, size, lease_token, claimed_until)
       VALUES ($1, $2, $3, $4, $5, now() + $6 * interval '1 millisecond')
       RETURNING id, job_id, after_key, upto_key, size, lease_token, attempts`,
      [job.id, job.cursor, range.upto, range.n, randomUUID(), leaseMs],
    );
    await tx.query(
      `UPDATE fanout_jobs SET cursor = $2, batches_open = batches_open + 1, status = 'running',
              started_at = coalesce(started_at, now())
        WHERE id = $1`,
      [job.id, range.upto],
    );
    return batch;
  }

  /** The batch transaction's first statement: takes the batch if the lease is still this worker's. */
  async takeBatch(tx: EntityManager, batch: ClaimedBatch): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      tx,
      `UPDATE fanout_batches SET status = 'done'
        WHERE id = $1 AND lease_token = $2 AND status = 'claimed' RETURNING id`,
      [batch.id, batch.lease_token],
    );
    return rows.length > 0;
  }

  /**
   * Gives a claimed batch back after its run failed: retried after a backoff that doubles per attempt
   * (from `retryMs`, at most a minute), and the error kept for the operator.
   */
  async release(tx: EntityManager, batch: ClaimedBatch, error: string, retryMs: number): Promise<void> {
    await tx.query(
      `UPDATE fanout_batches SET last_error = left($3, 1000),
              claimed_until = now() + least(60000, $4 * 2 ^ (attempts - 1)) * interval '1 millisecond'
        WHERE id = $1 AND lease_token = $2 AND status = 'claimed'`,
      [batch.id, batch.lease_token, error, retryMs],
    );
  }

  /**
   * Gives up a batch that failed too often: its people are counted as unreached (shown as failed) and
   * the job goes on; once nothing else is open it ends 'failed' rather than 'done'.
   */
  async abandon(tx: EntityManager, batch: ClaimedBatch): Promise<void> {
    const rows = await queryRows<{ id: string }>(
      tx,
      `UPDATE fanout_batches SET status = 'failed' WHERE id = $1 AND lease_token = $2 AND status = 'claimed'
       RETURNING id`,
      [batch.id, batch.lease_token],
    );
    if (rows.length === 0) return;
    await tx.query(
      `UPDATE fanout_jobs SET unreached = unreached + $2, batches_open = batches_open - 1,
              status = CASE WHEN exhausted AND batches_open = 1 THEN 'failed' ELSE status END,
              finished_at = CASE WHEN exhausted AND batches_open = 1 THEN now() ELSE finished_at END
        WHERE id = $1`,
      [batch.job_id, batch.size],
    );
  }

  /**
   * Invites the audience's candidates of the range; returns the people newly invited. Inserted by user
   * id, the order in which every other writer of an event's invitations takes them (recipients' FOR
   * UPDATE, a batch of RSVP answers): an insert waiting on another's uncommitted row cannot then be
   * part of a deadlock with it.
   */
  async expandInvitations(tx: EntityManager, job: FanoutJobRow, batch: ClaimedBatch): Promise<string[]> {
    const params: unknown[] = [];
    const sql = candidatesSql(job, params);
    params.push(job.event_id, batch.after_key ?? BEFORE_ALL, batch.upto_key, job.invited_by);
    const n = params.length;
    const rows = await queryRows<{ user_id: string }>(
      tx,
      `INSERT INTO invitations (event_id, user_id, invited_by)
       SELECT $${n - 3}::uuid, user_id, $${n}::uuid FROM (${sql}) c
        WHERE user_id > $${n - 2}::uuid AND user_id <= $${n - 1}::uuid
        ORDER BY user_id
       ON CONFLICT ON CONSTRAINT "UQ_invitations_event_id_user_id" DO NOTHING
       RETURNING user_id`,
      params,
    );
    return rows.map((r) => r.user_id);
  }

  /** The job's candidates in the range (for jobs over the people already invited). */
  async keysIn(tx: EntityManager, job: FanoutJobRow, batch: ClaimedBatch): Promise<string[]> {
    const params: unknown[] = [];
    const sql = candidatesSql(job, params);
    params.push(batch.after_key ?? BEFORE_ALL, batch.upto_key);
    const n = params.length;
    const rows = await queryRows<{ user_id: string }>(
      tx,
      `SELECT user_id FROM (${sql}) c WHERE user_id > $${n - 1}::uuid AND user_id <= $${n}::uuid`,
      params,
    );
    return rows.map((r) => r.user_id);
  }

  /**
   * Counts the batch and closes it; the job is done once exhausted with no batch open ('failed' when
   * anyone was left unreached).
   */
  async finishBatch(
    tx: EntityManager,
    jobId: string,
    rendered: number,
    skipped: number,
    unreached: number,
  ): Promise<void> {
    await tx.query(
      `UPDATE fanout_jobs SET rendered = rendered + $2, skipped = skipped + $3, unreached = unreached + $4,
              batches_open = batches_open - 1,
              status = CASE WHEN NOT (exhausted AND batches_open = 1) THEN status
                            WHEN unreached + $4 > 0 THEN 'failed' ELSE 'done' END,
              finished_at = CASE WHEN exhausted AND batches_open = 1 THEN now() ELSE finished_at END
        WHERE id = $1`,
      [jobId, rendered, skipped, unreached],
    );
  }

  /** Jobs with their outbox counts: one job, an event's, or the instance's most recent (`all`). */
  async progress(
    tx: EntityManager,
    where: 'job' | 'event' | 'all',
    id: string | null,
    limit = 1,
  ): Promise<FanoutProgressRow[]> {
    const filter = { job: 'j.id = $1', event: 'j.event_id = $1', all: '$1::uuid IS NULL' }[where];
    return queryRows<FanoutProgressRow>(
      tx,
      `SELECT j.id, j.event_id, j.kind, j.status, j.total, j.rendered, j.skipped,
              coalesce(o.queued, 0)::int AS queued, coalesce(o.sent, 0)::int AS sent,
              (coalesce(o.failed, 0) + j.unreached)::int AS failed, j.created_at, j.started_at, j.finished_at
         FROM fanout_jobs j
         LEFT JOIN LATERAL (
           SELECT count(*) FILTER (WHERE status IN ('queued', 'sending', 'retrying')) AS queued,
                  count(*) FILTER (WHERE status = 'sent') AS sent,
                  count(*) FILTER (WHERE status = 'failed') AS failed
             FROM outbox_messages WHERE job_id = j.id) o ON true
        WHERE ${filter}
        ORDER BY j.position DESC LIMIT $2`,
      [id, limit],
    );
  }

  /** How many jobs are not finished yet (tests and benches wait for none). */
  async unfinished(tx: EntityManager): Promise<number> {
    const [row] = await queryRows<{ n: number }>(
      tx,
      `SELECT count(*)::int AS n FROM fanout_jobs WHERE status IN ('queued', 'running')`,
    );
    return row?.n ?? 0;
  }
}

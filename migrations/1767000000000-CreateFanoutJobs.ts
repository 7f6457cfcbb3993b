import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fan-out as a background job (issue 12.4): the transaction of a change records ONE job; workers
 * expand it batch by batch into the outbox. A batch is a key range (user ids after `after_key` up to
 * `upto_key`) claimed with a lease, so several workers share one job and a dead worker's batch is taken
 * over. outbox_messages.job_id ties each message to its job (sent/failed counts come from the outbox).
 * invitations.event_sequence_sent: the event SEQUENCE whose content the person's last copy carried, so
 * a later job skips people who already hold the current version.
 */
export class CreateFanoutJobs1767000000000 implements MigrationInterface {
  name = 'CreateFanoutJobs1767000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE fanout_jobs (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        position bigserial NOT NULL,
        event_id uuid NOT NULL,
        kind text NOT NULL,
        audience jsonb NULL,
        only_user_ids uuid[] NULL,
        options jsonb NOT NULL DEFAULT '{}',
        invited_by uuid NULL,
        status text NOT NULL DEFAULT 'queued',
        cursor uuid NULL,
        exhausted boolean NOT NULL DEFAULT false,
        batches_open int NOT NULL DEFAULT 0,
        total int NOT NULL DEFAULT 0,
        rendered int NOT NULL DEFAULT 0,
        skipped int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz NULL,
        finished_at timestamptz NULL,
        CONSTRAINT "PK_fanout_jobs" PRIMARY KEY (id),
        CONSTRAINT "FK_fanout_jobs_event_id" FOREIGN KEY (event_id) REFERENCES events(id) ON DELETE CASCADE,
        CONSTRAINT "FK_fanout_jobs_invited_by" FOREIGN KEY (invited_by) REFERENCES users(id) ON DELETE SET NULL,
        CONSTRAINT "CHK_fanout_jobs_kind" CHECK (kind IN ('invitation', 'update', 'cancellation', 'reminder')),
        CONSTRAINT "CHK_fanout_jobs_status" CHECK (status IN ('queued', 'running', 'done', 'failed', 'superseded'))
      )`);
    await q.query(
      `CREATE INDEX "IDX_fanout_jobs_unfinished" ON fanout_jobs (position) WHERE status IN ('queued', 'running')`,
    );
    await q.query(`CREATE INDEX "IDX_fanout_jobs_event_id" ON fanout_jobs (event_id, position)`);
    await q.query(`
      CREATE TABLE fanout_batches (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        job_id uuid NOT NULL,
        after_key uuid NULL,
        upto_key uuid NOT NULL,
        size int NOT NULL,
        status text NOT NULL DEFAULT 'claimed',
        lease_token uuid NOT NULL,
        claimed_until timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_fanout_batches" PRIMARY KEY (id),
        CONSTRAINT "FK_fanout_batches_job_id" FOREIGN KEY (job_id) REFERENCES fanout_jobs(id) ON DELETE CASCADE,
        CONSTRAINT "CHK_fanout_batches_status" CHECK (status IN ('claimed', 'done'))
      )`);
    await q.query(
      `CREATE INDEX "IDX_fanout_batches_claimed" ON fanout_batches (claimed_until) WHERE status = 'claimed'`,
    );
    await q.query(`CREATE INDEX "IDX_fanout_batches_job_id" ON fanout_batches (job_id)`);
    await q.query(
      `ALTER TABLE outbox_messages ADD COLUMN job_id uuid
         CONSTRAINT "FK_outbox_messages_job_id" REFERENCES fanout_jobs (id) ON DELETE SET NULL`,
    );
    await q.query(
      `CREATE INDEX "IDX_outbox_messages_job_id" ON outbox_messages (job_id) WHERE job_id IS NOT NULL`,
    );
    await q.query(`ALTER TABLE invitations ADD COLUMN event_sequence_sent int NULL`);
    await q.query(`UPDATE invitations SET event_sequence_sent = last_sequence_sent`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE invitations DROP COLUMN event_sequence_sent`);
    await q.query(`ALTER TABLE outbox_messages DROP COLUMN job_id`);
    await q.query(`DROP TABLE fanout_batches`);
    await q.query(`DROP TABLE fanout_jobs`);
  }
}

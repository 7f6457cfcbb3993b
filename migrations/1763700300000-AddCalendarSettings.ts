import { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-group reminder offsets, per-user feed token version, and the record of reminders sent. */
export class AddCalendarSettings1763700300000 implements MigrationInterface {
  name = 'AddCalendarSettings1763700300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE groups ADD COLUMN reminder_hours integer[] NOT NULL DEFAULT '{24,1}'`);
    await q.query(
      `ALTER TABLE groups ADD CONSTRAINT "CHK_groups_reminder_hours" CHECK (reminder_hours <@ ARRAY[1, 2, 3, 6, 12, 24, 48, 72, 168])`,
    );
    await q.query(`ALTER TABLE users ADD COLUMN feed_token_version integer NOT NULL DEFAULT 1`);
    // One row per (event, offset) ever sent: the primary key is what makes a reminder go out once,
    // whichever worker gets there first and however often the process restarts.
    await q.query(`
      CREATE TABLE event_reminders (
        event_id uuid NOT NULL,
        offset_hours integer NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT now(),
        recipients integer NOT NULL,
        CONSTRAINT "PK_event_reminders" PRIMARY KEY (event_id, offset_hours),
        CONSTRAINT "FK_event_reminders_event_id" FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE mail_opt_outs (
        user_id uuid NOT NULL,
        category text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_mail_opt_outs" PRIMARY KEY (user_id, category),
        CONSTRAINT "CHK_mail_opt_outs_category" CHECK (category IN ('reminders', 'announcements')),
        CONSTRAINT "FK_mail_opt_outs_user_id" FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mail_opt_outs`);
    await q.query(`DROP TABLE event_reminders`);
    await q.query(`ALTER TABLE users DROP COLUMN feed_token_version`);
    await q.query(`ALTER TABLE groups DROP CONSTRAINT "CHK_groups_reminder_hours"`);
    await q.query(`ALTER TABLE groups DROP COLUMN reminder_hours`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first sign-in step (/welcome): `onboarded_at` is when the person confirmed their name,
 * language and zone (null until then, existing accounts too: they see the step once, pre-filled).
 * `timezone` may now be unset: an account created for an invited address has not chosen one, and
 * mails and pages then show the event's (or group's) own zone instead of claiming UTC.
 */
export class AddUserOnboarding1767400000000 implements MigrationInterface {
  name = 'AddUserOnboarding1767400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users
        ADD COLUMN onboarded_at timestamptz,
        ALTER COLUMN timezone DROP NOT NULL,
        ALTER COLUMN timezone DROP DEFAULT`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE users SET timezone = 'UTC' WHERE timezone IS NULL`);
    await q.query(`
      ALTER TABLE users
        ALTER COLUMN timezone SET DEFAULT 'UTC',
        ALTER COLUMN timezone SET NOT NULL,
        DROP COLUMN onboarded_at`);
  }
}

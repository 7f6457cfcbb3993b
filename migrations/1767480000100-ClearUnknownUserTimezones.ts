import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A zone the Intl constructor tolerated but PostgreSQL does not know ('US/Pacific-New') could be
 * stored before zones were checked against the list people pick from; one such row failed every
 * statement that converts with it (the announcements digest reads all members at once). Such zones
 * become unset (the person sees the event's own zone and chooses again at /welcome). Not reversible:
 * the names removed were never usable.
 */
export class ClearUnknownUserTimezones1767480000100 implements MigrationInterface {
  name = 'ClearUnknownUserTimezones1767480000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE users SET timezone = NULL
        WHERE timezone IS NOT NULL AND timezone NOT IN (SELECT name FROM pg_timezone_names)`,
    );
  }

  async down(): Promise<void> {
    // Nothing to restore: the cleared names were unusable.
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `events.revision` (issue 14): a number that changes with every insert and update of an event row
 * and is never given to another row or version, taken from one sequence. A public feed keeps the
 * VEVENT it rendered for each event under the event's revision, so a feed rebuilt after a change
 * re-renders only the events whose revision moved (FeedsService). A VEVENT of a public feed is a
 * function of the event row alone, so the row's revision covers everything it shows.
 *
 * A trigger, not a default alone: every UPDATE moves it, whoever writes the row and whether or not
 * the statement names the column. `groups.version` still covers the set of a group's events (an
 * insert, a delete, an event moving out of the feed).
 */
export class AddEventRevisions1767520000000 implements MigrationInterface {
  name = 'AddEventRevisions1767520000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE events_revision_seq AS bigint`);
    // The volatile default fills the existing rows one by one, each with its own value.
    await q.query(
      `ALTER TABLE events ADD COLUMN revision bigint NOT NULL DEFAULT nextval('events_revision_seq')`,
    );
    await q.query(`ALTER SEQUENCE events_revision_seq OWNED BY events.revision`);
    await q.query(`
      CREATE FUNCTION events_revision_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.revision := nextval('events_revision_seq');
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER "TRG_events_revision" BEFORE UPDATE ON events
      FOR EACH ROW EXECUTE FUNCTION events_revision_bump()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "TRG_events_revision" ON events`);
    await q.query(`DROP FUNCTION events_revision_bump()`);
    await q.query(`ALTER TABLE events DROP COLUMN revision`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Versions that move in the same transaction as anything that changes what a cached view shows
 * (issue 14), so ETags and caches key on one primary-key read instead of an aggregate over events:
 *
 * - `groups.version`: the group row itself (name, visibility, settings…) and any insert, update or
 *   delete of its events.
 * - `series.version`: the series row and its events.
 * - `cache_versions('public-listing')`: whatever the instance-wide public listing shows — any event,
 *   and a public group (or one that was public) changing, including its version moving.
 *
 * Statement-level triggers with transition tables: seeding 2,000 events or a fan-out is one bump
 * per statement, not per row. Locks are always taken in the order events → groups → series →
 * cache_versions, so the triggers cannot deadlock with each other. RSVPs touch none of these rows:
 * they would all queue on their group's row (and the listing's) at 1,000 a second. A cached view
 * that shows a going count keeps the counts it shows and compares them with PostgreSQL's on every
 * hit instead (ResponseCache, ViewVersions.goingCounts).
 */
export class AddCacheVersions1767450000000 implements MigrationInterface {
  name = 'AddCacheVersions1767450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE groups ADD COLUMN version bigint NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE series ADD COLUMN version bigint NOT NULL DEFAULT 1`);
    await q.query(`
      CREATE TABLE cache_versions (
        name text NOT NULL,
        version bigint NOT NULL DEFAULT 1,
        CONSTRAINT "PK_cache_versions" PRIMARY KEY (name)
      )`);
    await q.query(`INSERT INTO cache_versions (name) VALUES ('public-listing')`);

    // A row's own change moves its version (unless the statement already moved it).
    await q.query(`
      CREATE FUNCTION cache_version_row_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.version = OLD.version THEN NEW.version := OLD.version + 1; END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER "TRG_groups_version" BEFORE UPDATE ON groups
      FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION cache_version_row_bump()`);
    await q.query(`
      CREATE TRIGGER "TRG_series_version" BEFORE UPDATE ON series
      FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION cache_version_row_bump()`);

    await q.query(`
      CREATE FUNCTION cache_version_public_listing_bump() RETURNS void LANGUAGE sql AS $$
        UPDATE cache_versions SET version = version + 1 WHERE name = 'public-listing'
      $$`);

    // Groups: a public group's change (its version moving included) moves the listing.
    await q.query(`
      CREATE FUNCTION groups_cache_versions() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM 1 FROM new_rows WHERE visibility = 'public' LIMIT 1;
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM 1 FROM old_rows WHERE visibility = 'public' LIMIT 1;
        ELSE
          PERFORM 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
            WHERE n.visibility = 'public' OR o.visibility = 'public' LIMIT 1;
        END IF;
        IF FOUND THEN PERFORM cache_version_public_listing_bump(); END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER "TRG_groups_cache_versions_ins" AFTER INSERT ON groups
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION groups_cache_versions()`);
    await q.query(`
      CREATE TRIGGER "TRG_groups_cache_versions_upd" AFTER UPDATE ON groups
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION groups_cache_versions()`);
    await q.query(`
      CREATE TRIGGER "TRG_groups_cache_versions_del" AFTER DELETE ON groups
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION groups_cache_versions()`);

    // Events: their groups and series move (the groups' trigger then moves the listing when public).
    await q.query(`
      CREATE FUNCTION events_cache_versions() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          UPDATE groups SET version = version + 1 WHERE id IN (SELECT group_id FROM new_rows);
          UPDATE series SET version = version + 1 WHERE id IN (SELECT series_id FROM new_rows);
        ELSIF TG_OP = 'DELETE' THEN
          UPDATE groups SET version = version + 1 WHERE id IN (SELECT group_id FROM old_rows);
          UPDATE series SET version = version + 1 WHERE id IN (SELECT series_id FROM old_rows);
        ELSE
          UPDATE groups SET version = version + 1
            WHERE id IN (SELECT group_id FROM new_rows UNION SELECT group_id FROM old_rows);
          UPDATE series SET version = version + 1
            WHERE id IN (SELECT series_id FROM new_rows UNION SELECT series_id FROM old_rows);
        END IF;
        RETURN NULL;
      END $$`);
    for (const [op, refs] of [
      ['INSERT', 'NEW TABLE AS new_rows'],
      ['UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows'],
      ['DELETE', 'OLD TABLE AS old_rows'],
    ]) {
      await q.query(`
        CREATE TRIGGER "TRG_events_cache_versions_${op.slice(0, 3).toLowerCase()}" AFTER ${op} ON events
        REFERENCING ${refs} FOR EACH STATEMENT EXECUTE FUNCTION events_cache_versions()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const op of ['ins', 'upd', 'del']) {
      await q.query(`DROP TRIGGER "TRG_events_cache_versions_${op}" ON events`);
      await q.query(`DROP TRIGGER "TRG_groups_cache_versions_${op}" ON groups`);
    }
    await q.query(`DROP TRIGGER "TRG_series_version" ON series`);
    await q.query(`DROP TRIGGER "TRG_groups_version" ON groups`);
    await q.query(`DROP FUNCTION events_cache_versions()`);
    await q.query(`DROP FUNCTION groups_cache_versions()`);
    await q.query(`DROP FUNCTION cache_version_public_listing_bump()`);
    await q.query(`DROP FUNCTION cache_version_row_bump()`);
    await q.query(`DROP TABLE cache_versions`);
    await q.query(`ALTER TABLE series DROP COLUMN version`);
    await q.query(`ALTER TABLE groups DROP COLUMN version`);
  }
}

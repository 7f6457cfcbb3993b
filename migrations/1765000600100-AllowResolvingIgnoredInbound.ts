import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organizers may apply an ignored answer (a stale SEQUENCE, a refusal of the RSVP service) as well as
 * a quarantined one: the decision is recorded on the row the same way.
 */
export class AllowResolvingIgnoredInbound1765000600100 implements MigrationInterface {
  name = 'AllowResolvingIgnoredInbound1765000600100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE inbound_messages DROP CONSTRAINT "CHK_inbound_messages_resolution"`);
    await q.query(`
      ALTER TABLE inbound_messages ADD CONSTRAINT "CHK_inbound_messages_resolution" CHECK (
        (resolution IS NULL AND resolved_at IS NULL)
        OR (resolution IN ('applied', 'dismissed') AND resolved_at IS NOT NULL
            AND outcome IN ('quarantined', 'ignored')))`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Decisions on ignored rows cannot be expressed under the old rule; they are forgotten (the RSVP
    // they applied, and its history, stay).
    await q.query(
      `UPDATE inbound_messages SET resolution = NULL, resolved_at = NULL, resolved_by = NULL
        WHERE outcome = 'ignored' AND resolution IS NOT NULL`,
    );
    await q.query(`ALTER TABLE inbound_messages DROP CONSTRAINT "CHK_inbound_messages_resolution"`);
    await q.query(`
      ALTER TABLE inbound_messages ADD CONSTRAINT "CHK_inbound_messages_resolution" CHECK (
        (resolution IS NULL AND resolved_at IS NULL)
        OR (resolution IN ('applied', 'dismissed') AND resolved_at IS NOT NULL AND outcome = 'quarantined'))`);
  }
}

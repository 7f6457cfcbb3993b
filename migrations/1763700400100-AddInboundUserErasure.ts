import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deleting a person deletes the inbound mail about them (user_id cascades) and also the mail they
 * sent that never matched an invitation (unknown token, quarantined under someone else's invitation):
 * those rows hold their address and raw message but no user_id. DESIGN §5: deletion clears inbound
 * records.
 */
export class AddInboundUserErasure1763700400100 implements MigrationInterface {
  name = 'AddInboundUserErasure1763700400100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "IDX_inbound_messages_from_address" ON inbound_messages (lower(from_address)) WHERE from_address IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX "IDX_inbound_messages_envelope_from" ON inbound_messages (lower(envelope_from)) WHERE envelope_from IS NOT NULL`,
    );
    await q.query(`
      CREATE FUNCTION inbound_messages_erase_user() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM inbound_messages
         WHERE lower(from_address) = lower(OLD.email) OR lower(envelope_from) = lower(OLD.email);
        RETURN OLD;
      END $$`);
    await q.query(`
      CREATE TRIGGER "TRG_users_erase_inbound" BEFORE DELETE ON users
      FOR EACH ROW EXECUTE FUNCTION inbound_messages_erase_user()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "TRG_users_erase_inbound" ON users`);
    await q.query(`DROP FUNCTION inbound_messages_erase_user()`);
    await q.query(`DROP INDEX "IDX_inbound_messages_envelope_from"`);
    await q.query(`DROP INDEX "IDX_inbound_messages_from_address"`);
  }
}

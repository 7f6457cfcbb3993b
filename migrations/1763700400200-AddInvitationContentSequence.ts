import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The SEQUENCE of the last message that changed what a person's calendar copy says about the event
 * (the invitation, an update, a cancellation, a removal). A calendar reply older than that answered
 * an outdated event and is ignored; personal notices in between (the confirmation after an answer, a
 * promotion) raise last_sequence_sent but do not make the copy the person answers from outdated.
 * Existing invitations keep today's rule: every copy sent so far counted.
 */
export class AddInvitationContentSequence1763700400200 implements MigrationInterface {
  name = 'AddInvitationContentSequence1763700400200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE invitations ADD COLUMN content_sequence int`);
    await q.query(`UPDATE invitations SET content_sequence = last_sequence_sent`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE invitations DROP COLUMN content_sequence`);
  }
}

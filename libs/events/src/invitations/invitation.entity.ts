import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('invitations')
export class InvitationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'event_id' }) eventId!: string;
  @Column('uuid', { name: 'user_id' }) userId!: string;
  @Column('int', { name: 'last_sequence_sent', nullable: true }) lastSequenceSent!: number | null;
  /** SEQUENCE of the last copy that changed the event for this person (see the migration). */
  @Column('int', { name: 'content_sequence', nullable: true }) contentSequence!: number | null;
  /** content_sequence when the person was last told that an answer came from an outdated copy. */
  @Column('int', { name: 'stale_notice_sequence', nullable: true }) staleNoticeSequence!: number | null;
  @Column('timestamptz', { name: 'last_sent_at', nullable: true }) lastSentAt!: Date | null;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt!: Date | null;
  /** Who invited the person (null for invitations from before this was kept). */
  @Column('uuid', { name: 'invited_by', nullable: true }) invitedBy!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}

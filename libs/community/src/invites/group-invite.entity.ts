import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { GroupRole } from '../memberships/membership.entity';

@Entity('group_invites')
export class GroupInviteEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'group_id' })
  groupId!: string;

  @Column('text')
  email!: string;

  @Column('text')
  role!: Exclude<GroupRole, 'owner'>;

  @Column('text', { name: 'token_hash', select: false })
  tokenHash!: string;

  @Column('uuid', { name: 'invited_by', nullable: true })
  invitedBy!: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt!: Date;

  @Column('timestamptz', { name: 'accepted_at', nullable: true })
  acceptedAt!: Date | null;

  @Column('uuid', { name: 'accepted_by', nullable: true })
  acceptedBy!: string | null;

  /** An organizer withdrew the invitation: its link is dead. */
  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;
}

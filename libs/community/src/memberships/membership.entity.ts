import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const GROUP_ROLES = ['owner', 'organizer', 'moderator', 'member'] as const;
export type GroupRole = (typeof GROUP_ROLES)[number];
export const MEMBERSHIP_STATUSES = ['active', 'pending', 'banned'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

@Entity('memberships')
export class MembershipEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'group_id' })
  groupId!: string;

  @Column('uuid', { name: 'user_id' })
  userId!: string;

  @Column('text')
  role!: GroupRole;

  @Column('text')
  status!: MembershipStatus;

  @Column('timestamptz', { name: 'coc_accepted_at', nullable: true })
  cocAcceptedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

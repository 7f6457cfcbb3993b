import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type InstanceRole = 'owner' | 'member';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  email!: string;

  @Column('text', { name: 'display_name' })
  displayName!: string;

  @Column('text', { nullable: true })
  pronouns!: string | null;

  @Column('text')
  locale!: string;

  /** Null until the person chooses one (an account made for an invited address): show the event's zone. */
  @Column('text', { nullable: true })
  timezone!: string | null;

  /** When the person completed the first sign-in step (/welcome); null until then. */
  @Column('timestamptz', { name: 'onboarded_at', nullable: true })
  onboardedAt!: Date | null;

  @Column('text', { name: 'password_hash', nullable: true, select: false })
  passwordHash!: string | null;

  @Column('text', { name: 'instance_role' })
  instanceRole!: InstanceRole;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

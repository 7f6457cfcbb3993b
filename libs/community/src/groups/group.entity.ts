import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const GROUP_VISIBILITIES = ['public', 'unlisted', 'private'] as const;
export type GroupVisibility = (typeof GROUP_VISIBILITIES)[number];

@Entity('groups')
export class GroupEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  slug!: string;

  @Column('text')
  name!: string;

  @Column('text')
  description!: string;

  @Column('text')
  timezone!: string;

  @Column('text', { nullable: true })
  city!: string | null;

  @Column('text')
  visibility!: GroupVisibility;

  @Column('text', { name: 'code_of_conduct' })
  codeOfConduct!: string;

  /** Hours before an event that going attendees get a reminder (DESIGN: 24 h and 1 h by default). */
  @Column('int', { name: 'reminder_hours', array: true })
  reminderHours!: number[];

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy!: string | null;

  /**
   * Moves (in PostgreSQL, by trigger) in the transaction of any change to what the group's views
   * show: the group, its events, counts shown beyond organizers. Caches and ETags key on it. Never
   * written from here.
   */
  @Column({ type: 'bigint', insert: false, update: false })
  version!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const TOPIC_STATUSES = ['open', 'locked', 'hidden'] as const;
export type TopicStatus = (typeof TOPIC_STATUSES)[number];

@Entity('topics')
export class TopicEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'group_id' })
  groupId!: string;

  /** Null once the author's account is deleted. */
  @Column('uuid', { name: 'author_id', nullable: true })
  authorId!: string | null;

  @Column('text')
  title!: string;

  @Column('text')
  body!: string;

  @Column('text')
  status!: TopicStatus;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;

  /** Creation or the newest post; orders the group's topic list. */
  @Column('timestamptz', { name: 'last_activity_at' })
  lastActivityAt!: Date;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('topic_followers')
export class TopicFollowerEntity {
  @PrimaryColumn('uuid', { name: 'topic_id' })
  topicId!: string;

  @PrimaryColumn('uuid', { name: 'user_id' })
  userId!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}

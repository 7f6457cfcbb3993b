import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('series')
export class SeriesEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'group_id' }) groupId!: string;
  @Column('uuid', { name: 'topic_id', nullable: true }) topicId!: string | null;
  @Column('text') title!: string;
  @Column('text') description!: string;
  @Column('text', { name: 'recurrence_rule', nullable: true }) recurrenceRule!: string | null;
  @Column('text', { name: 'recurrence_timezone', nullable: true }) recurrenceTimezone!: string | null;
  @Column('timestamptz', { name: 'horizon_until', nullable: true }) horizonUntil!: Date | null;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

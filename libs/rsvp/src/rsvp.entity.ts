import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { RSVP_STATUSES, RsvpStatus } from '@app/core';

// The vocabulary is core's (libs below rsvp speak it too); rsvp's public surface names it as well.
export { RSVP_STATUSES, type RsvpStatus };
export const RSVP_SOURCES = ['web', 'link', 'calendar', 'organizer'] as const;
export type RsvpSource = (typeof RSVP_SOURCES)[number];
export const RSVP_MODES = ['in_person', 'online'] as const;
export type RsvpMode = (typeof RSVP_MODES)[number];

@Entity('rsvps')
export class RsvpEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'event_id' }) eventId!: string;
  @Column('uuid', { name: 'user_id' }) userId!: string;
  @Column('text') status!: RsvpStatus;
  @Column('text', { nullable: true }) mode!: RsvpMode | null;
  @Column('int') guests!: number;
  @Column('jsonb') answers!: Record<string, string>;
  @Column('timestamptz', { name: 'coc_acknowledged_at', nullable: true }) cocAcknowledgedAt!: Date | null;
  @Column('text') source!: RsvpSource;
  @Column('bigint', { name: 'waitlist_seq', nullable: true }) waitlistSeq!: string | null;
  @Column('timestamptz', { name: 'checked_in_at', nullable: true }) checkedInAt!: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

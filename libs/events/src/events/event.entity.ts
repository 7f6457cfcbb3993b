import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Accessibility } from './accessibility';

export const EVENT_KINDS = ['online_discussion', 'in_person', 'virtual_networking', 'hybrid'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const EVENT_STATUSES = ['draft', 'scheduled', 'cancelled'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];
export const LOCATION_VISIBILITIES = ['public', 'members', 'attendees'] as const;
export type LocationVisibility = (typeof LOCATION_VISIBILITIES)[number];
export const ATTENDEE_VISIBILITIES = ['organizers', 'count', 'names'] as const;
export type AttendeeVisibility = (typeof ATTENDEE_VISIBILITIES)[number];

/** Hearth's default language, for an event created without one. */
export const DEFAULT_EVENT_LANGUAGE = 'en';

export type { Accessibility } from './accessibility';

export interface EventQuestion {
  id: string;
  label: string;
  required: boolean;
}

@Entity('events')
export class EventEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'group_id' }) groupId!: string;
  @Column('uuid', { name: 'series_id', nullable: true }) seriesId!: string | null;
  @Column('uuid', { name: 'topic_id', nullable: true }) topicId!: string | null;
  @Column('int', { name: 'occurrence_index', nullable: true }) occurrenceIndex!: number | null;
  @Column('text') kind!: EventKind;
  @Column('text') title!: string;
  @Column('text') description!: string;
  @Column('timestamptz', { name: 'starts_at' }) startsAt!: Date;
  @Column('timestamptz', { name: 'ends_at' }) endsAt!: Date;
  @Column('text') timezone!: string;
  @Column('text', { name: 'venue_name', nullable: true }) venueName!: string | null;
  @Column('text', { name: 'venue_address', nullable: true }) venueAddress!: string | null;
  /** The venue's city: public even when the address is hidden (README "Discovery"). */
  @Column('text', { nullable: true }) city!: string | null;
  /** Optional coordinates: shown only with the address; the distance filter reads them server-side. */
  @Column('double precision', { nullable: true }) latitude!: number | null;
  @Column('double precision', { nullable: true }) longitude!: number | null;
  /** The language the event is held in (ISO 639 code, e.g. "en", "ar"). */
  @Column('text') language!: string;
  @Column('jsonb') accessibility!: Accessibility;
  @Column('text', { name: 'join_url', nullable: true }) joinUrl!: string | null;
  @Column('text', { name: 'location_visibility' }) locationVisibility!: LocationVisibility;
  @Column('text', { name: 'attendee_visibility' }) attendeeVisibility!: AttendeeVisibility;
  @Column('int', { nullable: true }) capacity!: number | null;
  @Column('int', { name: 'online_capacity', nullable: true }) onlineCapacity!: number | null;
  @Column('boolean', { name: 'waitlist_enabled' }) waitlistEnabled!: boolean;
  @Column('int', { name: 'guests_allowed' }) guestsAllowed!: number;
  @Column('boolean', { name: 'approval_required' }) approvalRequired!: boolean;
  @Column('timestamptz', { name: 'rsvp_opens_at', nullable: true }) rsvpOpensAt!: Date | null;
  @Column('timestamptz', { name: 'rsvp_closes_at', nullable: true }) rsvpClosesAt!: Date | null;
  @Column('jsonb') questions!: EventQuestion[];
  @Column('boolean', { name: 'coc_required' }) cocRequired!: boolean;
  @Column('text', { array: true }) tags!: string[];
  @Column('text') status!: EventStatus;
  @Column('text', { name: 'calendar_uid' }) calendarUid!: string;
  @Column('int') sequence!: number;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  @Column('timestamptz', { name: 'cancelled_at', nullable: true }) cancelledAt!: Date | null;
}

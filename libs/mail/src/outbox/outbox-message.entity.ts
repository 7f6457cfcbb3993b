import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export const OUTBOX_STATUSES = ['queued', 'sending', 'retrying', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** A calendar part for an iMIP message: the MIME method parameter and the body come from one place. */
export interface OutboxCalendar {
  method: string;
  content: string;
  filename: string;
}

export interface OutboxAttachment {
  filename: string;
  contentType: string;
  content: string;
}

@Entity('outbox_messages')
export class OutboxMessageEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  purpose!: string;

  @Column('uuid', { name: 'user_id', nullable: true })
  userId!: string | null;

  @Column('text')
  recipient!: string;

  @Column('uuid', { name: 'about_user_id', nullable: true })
  aboutUserId!: string | null;

  @Column('uuid', { name: 'event_id', nullable: true })
  eventId!: string | null;

  @Column('text')
  subject!: string;

  @Column('text', { name: 'text_body' })
  textBody!: string;

  @Column('text', { name: 'html_body', nullable: true })
  htmlBody!: string | null;

  @Column('jsonb', { default: {} })
  headers!: Record<string, string>;

  @Column('jsonb', { nullable: true })
  calendar!: OutboxCalendar | null;

  @Column('jsonb', { default: [] })
  attachments!: OutboxAttachment[];

  @Column('text', { name: 'message_id' })
  messageId!: string;

  /** Messages with the same key (one person and one event) leave in the order they were queued. */
  @Column('text', { name: 'ordering_key', nullable: true })
  orderingKey!: string | null;

  @Column('text')
  status!: OutboxStatus;

  @Column('int')
  attempts!: number;

  @Column('timestamptz', { name: 'next_attempt_at' })
  nextAttemptAt!: Date;

  @Column('timestamptz', { name: 'locked_until', nullable: true })
  lockedUntil!: Date | null;

  /** The claim that holds the row while it is being sent; only that claim may record the outcome. */
  @Column('uuid', { name: 'lease_token', nullable: true })
  leaseToken!: string | null;

  @Column('text', { name: 'last_error', nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt!: Date | null;
}

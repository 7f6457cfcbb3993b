import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { notFound, queryRows } from '@app/core';
import { DevMailboxMessageEntity } from './dev-mailbox-message.entity';

export interface DevMailboxSummary {
  id: string;
  messageId: string;
  /** The recipient. */
  to: string;
  subject: string;
  /** What the mail is (the outbox purpose: event_invitation, event_update, magic_link…). */
  kind: string | null;
  /** The event it is about, if any. */
  eventId: string | null;
  createdAt: Date;
}

@Injectable()
export class DevMailboxService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(DevMailboxMessageEntity)
    private readonly devMailboxMessageRepository: Repository<DevMailboxMessageEntity>,
  ) {}

  async list(limit: number, to?: string): Promise<DevMailboxSummary[]> {
    const rows = await queryRows<{
      id: string;
      message_id: string;
      recipient: string;
      subject: string;
      purpose: string | null;
      event_id: string | null;
      created_at: Date;
    }>(
      this.dataSource,
      `SELECT m.id, m.message_id, m.recipient, m.subject, o.purpose, o.event_id, m.created_at
         FROM dev_mailbox_messages m LEFT JOIN outbox_messages o ON o.id = m.outbox_id
        WHERE ($2::text IS NULL OR lower(m.recipient) = lower($2))
        ORDER BY m.created_at DESC, m.id DESC LIMIT $1`,
      [limit, to ?? null],
    );
    return rows.map((m) => ({
      id: m.id,
      messageId: m.message_id,
      to: m.recipient,
      subject: m.subject,
      kind: m.purpose,
      eventId: m.event_id,
      createdAt: m.created_at,
    }));
  }

  async raw(id: string): Promise<string> {
    const row = await this.devMailboxMessageRepository.findOne({ where: { id }, select: ['id', 'raw'] });
    if (!row) throw notFound('Message');
    return row.raw;
  }
}

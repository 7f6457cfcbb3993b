import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { notFound } from '@app/core';
import { DevMailboxMessageEntity } from './dev-mailbox-message.entity';
import { DevMailboxRepository } from './dev-mailbox.repository';

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
    private readonly mailbox: DevMailboxRepository,
    @InjectRepository(DevMailboxMessageEntity)
    private readonly devMailboxMessageRepository: Repository<DevMailboxMessageEntity>,
  ) {}

  async list(limit: number, to?: string): Promise<DevMailboxSummary[]> {
    const rows = await this.mailbox.latest(limit, to ?? null);
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

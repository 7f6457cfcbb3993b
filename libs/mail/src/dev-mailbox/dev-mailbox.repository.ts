import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryRows } from '@app/core';

export interface DevMailboxRow {
  id: string;
  message_id: string;
  recipient: string;
  subject: string;
  purpose: string | null;
  event_id: string | null;
  created_at: Date;
}

/** The dev mailbox's reads (dev_mailbox_messages beside their outbox rows; both owned by mail). */
@Injectable()
export class DevMailboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The newest messages first, optionally for one recipient (case-insensitive). */
  latest(limit: number, to: string | null): Promise<DevMailboxRow[]> {
    return queryRows<DevMailboxRow>(
      this.dataSource,
      `SELECT m.id, m.message_id, m.recipient, m.subject, o.purpose, o.event_id, m.created_at
         FROM dev_mailbox_messages m LEFT JOIN outbox_messages o ON o.id = m.outbox_id
        WHERE ($2::text IS NULL OR lower(m.recipient) = lower($2))
        ORDER BY m.created_at DESC, m.id DESC LIMIT $1`,
      [limit, to],
    );
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound } from '@app/core';
import { DevMailboxMessageEntity } from './dev-mailbox-message.entity';

export interface DevMailboxSummary {
  id: string;
  messageId: string;
  to: string;
  subject: string;
  createdAt: Date;
}

@Injectable()
export class DevMailboxService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async list(limit: number, to?: string): Promise<DevMailboxSummary[]> {
    const qb = this.dataSource
      .getRepository(DevMailboxMessageEntity)
      .createQueryBuilder('m')
      .select(['m.id', 'm.messageId', 'm.recipient', 'm.subject', 'm.createdAt'])
      .orderBy('m.createdAt', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .limit(limit);
    if (to) qb.where('lower(m.recipient) = lower(:to)', { to });
    const rows = await qb.getMany();
    return rows.map((m) => ({
      id: m.id,
      messageId: m.messageId,
      to: m.recipient,
      subject: m.subject,
      createdAt: m.createdAt,
    }));
  }

  async raw(id: string): Promise<string> {
    const row = await this.dataSource
      .getRepository(DevMailboxMessageEntity)
      .findOne({ where: { id }, select: ['id', 'raw'] });
    if (!row) throw notFound('Message');
    return row.raw;
  }
}

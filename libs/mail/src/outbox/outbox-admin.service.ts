import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { OutboxMessageEntity, OutboxStatus } from './outbox-message.entity';

export interface OutboxSummary {
  id: string;
  purpose: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  nextAttemptAt: Date;
}

/** Read side of the outbox for instance operators: status and failure reasons, no bodies. */
@Injectable()
export class OutboxAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(OutboxMessageEntity)
    private readonly outboxMessageRepository: Repository<OutboxMessageEntity>,
  ) {}

  async list(limit: number, status?: OutboxStatus): Promise<OutboxSummary[]> {
    const rows = await this.outboxMessageRepository.find({
      where: status ? { status } : {},
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
      select: ['id', 'purpose', 'status', 'attempts', 'lastError', 'createdAt', 'sentAt', 'nextAttemptAt'],
    });
    return rows.map((r) => ({
      id: r.id,
      purpose: r.purpose,
      status: r.status,
      attempts: r.attempts,
      lastError: r.lastError,
      createdAt: r.createdAt,
      sentAt: r.sentAt,
      nextAttemptAt: r.nextAttemptAt,
    }));
  }
}

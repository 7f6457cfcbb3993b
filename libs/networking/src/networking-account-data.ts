import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NetworkingRepository } from './networking.repository';

/**
 * The account lib's door to networking data: a person's own rows for their export. Deletion needs
 * no call: every networking row about a person cascades with their user row.
 */
@Injectable()
export class NetworkingAccountData {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(NetworkingRepository) private readonly repo: NetworkingRepository,
  ) {}

  exportFor(userId: string): Promise<Record<string, unknown>> {
    return this.repo.exportFor(this.dataSource.manager, userId);
  }
}

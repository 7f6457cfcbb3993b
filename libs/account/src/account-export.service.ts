import { Inject, Injectable } from '@nestjs/common';
import { notFound } from '@app/core';
import { NetworkingAccountData } from '@app/networking';
import { AccountExportRepository } from './account-export.repository';

/** Everything Hearth keeps about one person, as one JSON document (DESIGN §5). */
export type AccountExport = Record<string, unknown>;

@Injectable()
export class AccountExportService {
  constructor(
    @Inject(AccountExportRepository) private readonly exports: AccountExportRepository,
    @Inject(NetworkingAccountData) private readonly networking: NetworkingAccountData,
  ) {}

  async export(userId: string): Promise<AccountExport> {
    const document = await this.exports.document<AccountExport>(userId);
    if (!document?.profile) throw notFound('User');
    return { ...document, networking: await this.networking.exportFor(userId) };
  }
}

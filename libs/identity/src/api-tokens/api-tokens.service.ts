import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { Clock, hashToken, randomToken } from '@app/core';
import { identityError } from '../identity.errors';
import { Principal } from '../principal';
import { ApiTokenEntity } from './api-token.entity';
import { ApiTokensRepository } from './api-tokens.repository';

export const API_TOKEN_PREFIX = 'hth_';

export interface ApiTokenSummary {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** Personal tokens for scripts (Authorization: Bearer hth_…); shown once, stored hashed. */
@Injectable()
export class ApiTokensService {
  constructor(
    @Inject(ApiTokensRepository) private readonly tokens: ApiTokensRepository,
    @Inject(Clock) private readonly clock: Clock,
    @InjectRepository(ApiTokenEntity) private readonly apiTokenRepository: Repository<ApiTokenEntity>,
  ) {}

  async create(userId: string, name: string): Promise<ApiTokenSummary & { token: string }> {
    const token = `${API_TOKEN_PREFIX}${randomToken()}`;
    const row = await this.apiTokenRepository.save({
      userId,
      name,
      tokenHash: hashToken(token),
      prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
      createdAt: this.clock.now(),
      lastUsedAt: null,
      revokedAt: null,
    });
    return {
      id: row.id,
      name: row.name,
      prefix: row.prefix,
      createdAt: row.createdAt,
      lastUsedAt: null,
      token,
    };
  }

  async list(userId: string): Promise<ApiTokenSummary[]> {
    const rows = await this.apiTokenRepository.find({
      where: { userId, revokedAt: IsNull() },
      order: { createdAt: 'DESC' },
    });
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      prefix: r.prefix,
      createdAt: r.createdAt,
      lastUsedAt: r.lastUsedAt,
    }));
  }

  async revoke(userId: string, id: string): Promise<void> {
    const affected = await this.tokens.revoke(id, userId, this.clock.now());
    if (!affected) throw identityError('API_TOKEN_NOT_FOUND', 'API token not found');
  }

  async resolve(token: string): Promise<Principal | null> {
    if (!token.startsWith(API_TOKEN_PREFIX)) return null;
    const row = await this.tokens.useToken(hashToken(token), this.clock.now());
    if (!row) return null;
    return {
      userId: row.user_id,
      email: row.email,
      displayName: row.display_name,
      instanceRole: row.instance_role,
      via: { kind: 'api_token', tokenId: row.token_id },
    };
  }
}

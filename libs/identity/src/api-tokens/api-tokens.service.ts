import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository } from 'typeorm';
import { Clock, execute, hashToken, queryRows, randomToken } from '@app/core';
import { identityError } from '../identity.errors';
import { Principal } from '../principal';
import { InstanceRole } from '../users/user.entity';
import { ApiTokenEntity } from './api-token.entity';

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
    @InjectDataSource() private readonly dataSource: DataSource,
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
    const affected = await execute(
      this.dataSource,
      `UPDATE api_tokens SET revoked_at = $3 WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL`,
      [id, userId, this.clock.now()],
    );
    if (!affected) throw identityError('API_TOKEN_NOT_FOUND', 'API token not found');
  }

  async resolve(token: string): Promise<Principal | null> {
    if (!token.startsWith(API_TOKEN_PREFIX)) return null;
    const rows = await queryRows<{
      token_id: string;
      user_id: string;
      email: string;
      display_name: string;
      instance_role: InstanceRole;
    }>(
      this.dataSource,
      `UPDATE api_tokens t SET last_used_at = $2
           FROM users u
          WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.id = t.user_id
          RETURNING t.id AS token_id, u.id AS user_id, u.email, u.display_name, u.instance_role`,
      [hashToken(token), this.clock.now()],
    );
    const [row] = rows;
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

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { execute, queryRows } from '@app/core';
import { InstanceRole } from '../users/user.entity';

export interface ApiTokenOwnerRow {
  token_id: string;
  user_id: string;
  email: string;
  display_name: string;
  instance_role: InstanceRole;
}

/** The statements on api_tokens (owned by identity) that the entity repository cannot say in one. */
@Injectable()
export class ApiTokensRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Revokes one of the user's live tokens; how many rows changed (0 or 1). */
  revoke(id: string, userId: string, at: Date): Promise<number> {
    return execute(
      this.dataSource,
      `UPDATE api_tokens SET revoked_at = $3 WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL`,
      [id, userId, at],
    );
  }

  /** The live token with this hash and its owner, marking it used at `at`, in one statement. */
  async useToken(tokenHash: string, at: Date): Promise<ApiTokenOwnerRow | null> {
    const [row] = await queryRows<ApiTokenOwnerRow>(
      this.dataSource,
      `UPDATE api_tokens t SET last_used_at = $2
           FROM users u
          WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.id = t.user_id
          RETURNING t.id AS token_id, u.id AS user_id, u.email, u.display_name, u.instance_role`,
      [tokenHash, at],
    );
    return row ?? null;
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { preparedRows } from '@app/core';
import { InstanceRole } from '../users/user.entity';

export interface LiveSessionRow {
  session_id: string;
  last_seen_at: Date;
  user_id: string;
  email: string;
  display_name: string;
  instance_role: InstanceRole;
}

// Run on every signed-in request: a named prepared statement, planned once per connection.
const RESOLVE = `
  SELECT s.id AS session_id, s.last_seen_at, u.id AS user_id, u.email, u.display_name, u.instance_role
    FROM sessions s JOIN users u ON u.id = s.user_id
   WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2`;

/** The sessions table (identity owns it): sliding expiry and revocation. */
@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The live session with this token hash and its user, or null. */
  async live(tokenHash: string, now: Date): Promise<LiveSessionRow | null> {
    const [row] = await preparedRows<LiveSessionRow>(this.dataSource, 'hearth_session_resolve', RESOLVE, [
      tokenHash,
      now,
    ]);
    return row ?? null;
  }

  async touch(sessionId: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
    await this.dataSource.query(`UPDATE sessions SET last_seen_at = $2, expires_at = $3 WHERE id = $1`, [
      sessionId,
      lastSeenAt,
      expiresAt,
    ]);
  }

  async revoke(sessionId: string, revokedAt: Date): Promise<void> {
    await this.dataSource.query(`UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, [
      sessionId,
      revokedAt,
    ]);
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The sessions table (identity owns it): sliding expiry and revocation. */
@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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

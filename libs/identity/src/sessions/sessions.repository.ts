import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, FreshReads, preparedRows } from '@app/core';
import { InstanceRole } from '../users/user.entity';

export interface LiveSessionRow {
  session_id: string;
  last_seen_at: Date;
  user_id: string;
  email: string;
  display_name: string;
  instance_role: InstanceRole;
}

// Run for every signed-in request: a named prepared statement, planned once per connection, for
// all the requests that arrived while the previous one was out.
const RESOLVE = `
  SELECT s.token_hash, s.id AS session_id, s.last_seen_at, u.id AS user_id, u.email, u.display_name,
         u.instance_role
    FROM sessions s JOIN users u ON u.id = s.user_id
   WHERE s.token_hash = ANY($1::text[]) AND s.revoked_at IS NULL AND s.expires_at > $2`;

/** Sessions read in one statement at most (a batch's other callers wait for the next one). */
const RESOLVE_BATCH = 500;

/** The sessions table (identity owns it): sliding expiry and revocation. */
@Injectable()
export class SessionsRepository {
  /**
   * Session lookups coalesced (FreshReads): one statement, sent after every request it answers
   * arrived, serves all the signed-in requests that came in meanwhile — a session revoked (signed out,
   * password changed) before a request arrived is never taken for it, as with one read per request.
   */
  private readonly lookups = new FreshReads<string, LiveSessionRow | null>(
    (hashes) => this.read(hashes),
    null,
    RESOLVE_BATCH,
  );

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** The live session with this token hash and its user, or null. */
  live(tokenHash: string): Promise<LiveSessionRow | null> {
    return this.lookups.get(tokenHash);
  }

  /** The live sessions of these token hashes (expired ones as of now, the batch's send time). */
  private async read(hashes: string[]): Promise<Map<string, LiveSessionRow>> {
    const rows = await preparedRows<LiveSessionRow & { token_hash: string }>(
      this.dataSource,
      'hearth_session_resolve',
      RESOLVE,
      [hashes, this.clock.now()],
    );
    return new Map(rows.map(({ token_hash, ...row }) => [token_hash, row]));
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

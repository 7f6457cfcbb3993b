import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, addMs, hashToken, preparedRows, randomToken } from '@app/core';
import { Principal } from '../principal';
import { InstanceRole } from '../users/user.entity';
import { SessionEntity } from './session.entity';
import { SessionsRepository } from './sessions.repository';

export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
// Sliding expiry is refreshed at most this often, so reads do not each become writes.
const TOUCH_EVERY_MS = 3600 * 1000;

export interface IssuedSession {
  token: string;
  expiresAt: Date;
}

const RESOLVE = `
  SELECT s.id AS session_id, s.last_seen_at, u.id AS user_id, u.email, u.display_name, u.instance_role
    FROM sessions s JOIN users u ON u.id = s.user_id
   WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2`;

/** Server-side sessions: the cookie holds a random token, the table only its hash. */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(SessionsRepository) private readonly repository: SessionsRepository,
  ) {}

  async issue(tx: EntityManager, userId: string): Promise<IssuedSession> {
    const token = randomToken();
    const now = this.clock.now();
    const expiresAt = addMs(now, SESSION_TTL_MS);
    await tx.insert(SessionEntity, {
      userId,
      tokenHash: hashToken(token),
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
    });
    return { token, expiresAt };
  }

  async resolve(token: string): Promise<Principal | null> {
    const rows: Array<{
      session_id: string;
      last_seen_at: Date;
      user_id: string;
      email: string;
      display_name: string;
      instance_role: InstanceRole;
    }> = await preparedRows(this.dataSource, 'hearth_session_resolve', RESOLVE, [
      hashToken(token),
      this.clock.now(),
    ]);
    const [row] = rows;
    if (!row) return null;
    const now = this.clock.now();
    if (now.getTime() - new Date(row.last_seen_at).getTime() > TOUCH_EVERY_MS) {
      await this.repository.touch(row.session_id, now, addMs(now, SESSION_TTL_MS));
    }
    return {
      userId: row.user_id,
      email: row.email,
      displayName: row.display_name,
      instanceRole: row.instance_role,
      via: { kind: 'session', sessionId: row.session_id },
    };
  }

  async revoke(sessionId: string): Promise<void> {
    await this.repository.revoke(sessionId, this.clock.now());
  }
}

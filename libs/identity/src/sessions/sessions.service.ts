import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, addMs, hashToken, randomToken } from '@app/core';
import { Principal } from '../principal';
import { SessionEntity } from './session.entity';
import { SessionsRepository } from './sessions.repository';

export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
// Sliding expiry is refreshed at most this often, so reads do not each become writes.
const TOUCH_EVERY_MS = 3600 * 1000;

export interface IssuedSession {
  token: string;
  expiresAt: Date;
}

/** Server-side sessions: the cookie holds a random token, the table only its hash. */
@Injectable()
export class SessionsService {
  constructor(
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
    const row = await this.repository.live(hashToken(token));
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

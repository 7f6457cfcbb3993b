import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryRows } from '@app/core';
import { MagicLinkPurpose } from './magic-link.entity';

/** The magic_links table (identity owns it). */
@Injectable()
export class MagicLinksRepository {
  /**
   * Marks the unused, unexpired link with this hash used at `now` and returns what it was for; null
   * when there is none. The UPDATE … WHERE used_at IS NULL lets exactly one of two racing requests win.
   */
  async consume(
    tx: EntityManager,
    tokenHash: string,
    now: Date,
  ): Promise<{ email: string; purpose: MagicLinkPurpose } | null> {
    const [link] = await queryRows<{ email: string; purpose: MagicLinkPurpose }>(
      tx,
      `UPDATE magic_links SET used_at = $2
        WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
        RETURNING email, purpose`,
      [tokenHash, now],
    );
    return link ?? null;
  }
}

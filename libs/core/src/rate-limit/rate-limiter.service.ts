import { Injectable } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';
import { hashToken } from '../security/tokens';
import { RateLimitRepository } from './rate-limit.repository';

export interface RateLimit {
  /** What is limited, e.g. `magic-link:email:<address>`; stored only hashed. */
  key: string;
  limit: number;
  windowMs: number;
  /** How many hits this one counts for (default 1): e.g. the people a request names. */
  weight?: number;
}

/**
 * Fixed-window counters in PostgreSQL, so the limit holds across every api process. One upsert per
 * check; a hit over the limit throws RATE_LIMITED with the seconds until the window ends.
 */
@Injectable()
export class RateLimiterService {
  constructor(private readonly counters: RateLimitRepository) {}

  async consume(...limits: RateLimit[]): Promise<void> {
    for (const { key, limit, windowMs, weight = 1 } of limits) {
      const row = await this.counters.hit(hashToken(key), windowMs, weight);
      if (row && row.hits > limit) {
        throw new DomainError('RATE_LIMITED', 'Too many attempts; try again later', {
          retryAfterSeconds: Math.max(1, Math.ceil(row.retryMs / 1000)),
        });
      }
    }
  }

  /** Drops windows that ended more than a day ago. */
  async prune(): Promise<void> {
    await this.counters.pruneOlderThanADay();
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../errors/domain-error';
import { hashToken } from '../security/tokens';

export interface RateLimit {
  /** What is limited, e.g. `magic-link:email:<address>`; stored only hashed. */
  key: string;
  limit: number;
  windowMs: number;
}

/**
 * Fixed-window counters in PostgreSQL, so the limit holds across every api process. One upsert per
 * check; a hit over the limit throws RATE_LIMITED with the seconds until the window ends.
 */
@Injectable()
export class RateLimiterService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async consume(...limits: RateLimit[]): Promise<void> {
    for (const { key, limit, windowMs } of limits) {
      const rows: Array<{ hits: number; retry_ms: string }> = await this.dataSource.query(
        `WITH w AS (SELECT to_timestamp(floor(extract(epoch FROM now()) * 1000 / $2) * $2 / 1000) AS start)
         INSERT INTO rate_limit_hits (key, window_start, hits)
         SELECT $1, w.start, 1 FROM w
         ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_hits.hits + 1
         RETURNING hits, (extract(epoch FROM window_start) * 1000 + $2 - extract(epoch FROM now()) * 1000)::bigint AS retry_ms`,
        [hashToken(key), windowMs],
      );
      const [row] = rows;
      if (row && row.hits > limit) {
        throw new DomainError('RATE_LIMITED', 'Too many attempts; try again later', {
          retryAfterSeconds: Math.max(1, Math.ceil(Number(row.retry_ms) / 1000)),
        });
      }
    }
  }

  /** Drops windows that ended more than a day ago. */
  async prune(): Promise<void> {
    await this.dataSource.query(`DELETE FROM rate_limit_hits WHERE window_start < now() - interval '1 day'`);
  }
}

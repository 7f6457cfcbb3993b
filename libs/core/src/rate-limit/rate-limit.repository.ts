import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The fixed-window counters of `rate_limit_hits` (owned by core). */
@Injectable()
export class RateLimitRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Counts `weight` hits in the current window of `windowMs`; the hits so far and the ms until it ends. */
  async hit(
    keyHash: string,
    windowMs: number,
    weight = 1,
  ): Promise<{ hits: number; retryMs: number } | null> {
    const rows: Array<{ hits: number; retry_ms: string }> = await this.dataSource.query(
      `WITH w AS (SELECT to_timestamp(floor(extract(epoch FROM now()) * 1000 / $2) * $2 / 1000) AS start)
       INSERT INTO rate_limit_hits (key, window_start, hits)
       SELECT $1, w.start, $3::int FROM w
       ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_hits.hits + $3::int
       RETURNING hits, (extract(epoch FROM window_start) * 1000 + $2 - extract(epoch FROM now()) * 1000)::bigint AS retry_ms`,
      [keyHash, windowMs, weight],
    );
    const [row] = rows;
    return row ? { hits: row.hits, retryMs: Number(row.retry_ms) } : null;
  }

  /** Drops windows that ended more than a day ago. */
  async pruneOlderThanADay(): Promise<void> {
    await this.dataSource.query(`DELETE FROM rate_limit_hits WHERE window_start < now() - interval '1 day'`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRateLimitHits1763700000400 implements MigrationInterface {
  name = 'CreateRateLimitHits1763700000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE UNLOGGED TABLE rate_limit_hits (
        key text NOT NULL,
        window_start timestamptz NOT NULL,
        hits integer NOT NULL,
        CONSTRAINT "PK_rate_limit_hits" PRIMARY KEY (key, window_start)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rate_limit_hits`);
  }
}

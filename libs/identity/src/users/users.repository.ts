import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { queryRows } from '@app/core';
import { UserEntity } from './user.entity';

/** The users table (identity owns it), and the magic_links that go with an erased address. */
@Injectable()
export class UsersRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(UserEntity) private readonly userRepository: Repository<UserEntity>,
  ) {}

  async feedOwner(userId: string): Promise<{
    id: string;
    email: string;
    display_name: string;
    locale: string;
    feed_token_version: number;
  } | null> {
    const [row] = await queryRows<{
      id: string;
      email: string;
      display_name: string;
      locale: string;
      feed_token_version: number;
    }>(
      this.dataSource,
      `SELECT id, email, display_name, locale, feed_token_version FROM users WHERE id = $1`,
      [userId],
    );
    return row ?? null;
  }

  /** The feed token version, moved on first when `rotate`; null when there is no such user. */
  async feedTokenVersion(userId: string, rotate: boolean): Promise<number | null> {
    const [row] = await queryRows<{ feed_token_version: number }>(
      this.dataSource,
      rotate
        ? `UPDATE users SET feed_token_version = feed_token_version + 1 WHERE id = $1 RETURNING feed_token_version`
        : `SELECT feed_token_version FROM users WHERE id = $1`,
      [userId],
    );
    return row ? row.feed_token_version : null;
  }

  findByEmail(email: string, tx: EntityManager = this.dataSource.manager): Promise<UserEntity | null> {
    return tx
      .withRepository(this.userRepository)
      .createQueryBuilder('u')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
  }

  /** The account with its password hash (not selected by default), by address. */
  findWithPasswordHashByEmail(email: string): Promise<UserEntity | null> {
    return this.userRepository
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
  }

  /** The account with its password hash (not selected by default); throws when there is none. */
  getWithPasswordHash(userId: string): Promise<UserEntity> {
    return this.userRepository
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :userId', { userId })
      .getOneOrFail();
  }

  /** Inserts the account unless one with the address (any case) exists. */
  async insertIfAbsent(tx: EntityManager, email: string, displayName: string): Promise<void> {
    await tx.query(
      `INSERT INTO users (email, display_name) VALUES ($1, $2) ON CONFLICT ((lower(email))) DO NOTHING`,
      [email, displayName],
    );
  }

  /** The accounts of these addresses (compared without case), in one statement. */
  async idsByEmail(tx: EntityManager, emails: string[]): Promise<Array<{ id: string; email: string }>> {
    if (emails.length === 0) return [];
    return queryRows<{ id: string; email: string }>(
      tx,
      `SELECT u.id, lower(a.email) AS email FROM unnest($1::text[]) AS a(email)
         JOIN users u ON lower(u.email) = lower(a.email)`,
      [emails],
    );
  }

  /**
   * Creates the accounts missing for these addresses (each with its display name) and returns every
   * address's account, keyed by the lower-cased address, in one statement. An address another
   * transaction claims meanwhile is neither inserted nor returned (the caller looks it up again).
   */
  async findOrInsertMany(
    tx: EntityManager,
    people: Array<{ email: string; displayName: string }>,
  ): Promise<Array<{ id: string; email: string; created: boolean }>> {
    if (people.length === 0) return [];
    return queryRows<{ id: string; email: string; created: boolean }>(
      tx,
      `WITH input AS (SELECT * FROM unnest($1::text[], $2::text[]) AS a(email, display_name)),
            existing AS (SELECT u.id, lower(u.email) AS email FROM input a JOIN users u ON lower(u.email) = lower(a.email)),
            inserted AS (
              INSERT INTO users (email, display_name)
              SELECT a.email, a.display_name FROM input a WHERE lower(a.email) NOT IN (SELECT email FROM existing)
              ON CONFLICT ((lower(email))) DO NOTHING
              RETURNING id, lower(email) AS email)
       SELECT id, email, false AS created FROM existing
       UNION ALL SELECT id, email, true AS created FROM inserted`,
      [people.map((p) => p.email), people.map((p) => p.displayName)],
    );
  }

  async forErasure(
    tx: EntityManager,
    userId: string,
  ): Promise<{ email: string; instance_role: string } | null> {
    const [row] = await queryRows<{ email: string; instance_role: string }>(
      tx,
      `SELECT email, instance_role FROM users WHERE id = $1`,
      [userId],
    );
    return row ?? null;
  }

  async lockForErasure(tx: EntityManager, userId: string): Promise<void> {
    await tx.query(`SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, [userId]);
  }

  async erase(tx: EntityManager, userId: string, email: string): Promise<void> {
    await tx.query(`DELETE FROM magic_links WHERE lower(email) = lower($1)`, [email]);
    await tx.query(`DELETE FROM users WHERE id = $1`, [userId]);
  }

  /** Takes the transaction-scoped advisory lock that serialises first-start bootstrap. */
  async lockBootstrap(tx: EntityManager, key: number): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [key]);
  }

  async count(tx: EntityManager): Promise<number> {
    const [{ count }] = await tx.query<Array<{ count: string }>>('SELECT count(*) FROM users');
    return Number(count);
  }
}

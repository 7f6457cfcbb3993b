import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, isUniqueViolation, notFound } from '@app/core';
import { UserEntity } from './user.entity';

export interface ProfileChanges {
  displayName?: string;
  pronouns?: string | null;
  locale?: string;
  timezone?: string;
}

@Injectable()
export class UsersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(id: string): Promise<UserEntity> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id });
    if (!user) throw notFound('User');
    return user;
  }

  findByEmail(email: string, tx: EntityManager = this.dataSource.manager): Promise<UserEntity | null> {
    return tx
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
  }

  /**
   * Finds the account for an address or creates it. Concurrent calls for the same new address end
   * with the same row: the unique index decides, and the loser reads the winner's row.
   */
  async findOrCreateByEmail(tx: EntityManager, email: string): Promise<UserEntity> {
    const existing = await this.findByEmail(email, tx);
    if (existing) return existing;
    const displayName = email.split('@')[0].slice(0, 100) || 'Member';
    await tx.query(
      `INSERT INTO users (email, display_name) VALUES ($1, $2) ON CONFLICT ((lower(email))) DO NOTHING`,
      [email, displayName],
    );
    const user = await this.findByEmail(email, tx);
    if (!user) throw notFound('User');
    return user;
  }

  async updateProfile(id: string, changes: ProfileChanges): Promise<UserEntity> {
    if (Object.keys(changes).length > 0)
      await this.dataSource.getRepository(UserEntity).update({ id }, changes);
    return this.get(id);
  }

  async create(
    tx: EntityManager,
    user: Pick<UserEntity, 'email' | 'displayName'> & Partial<UserEntity>,
  ): Promise<UserEntity> {
    try {
      const row = tx.create(UserEntity, {
        locale: 'en',
        timezone: 'UTC',
        instanceRole: 'member',
        pronouns: null,
        ...user,
      });
      return await tx.getRepository(UserEntity).save(row);
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_users_email'))
        throw new DomainError('CONFLICT', 'An account with this email exists');
      throw error;
    }
  }
}

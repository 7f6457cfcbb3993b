import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { DomainError, isUniqueViolation, notFound } from '@app/core';
import { modernTimeZone } from '@app/i18n';
import { UserEntity } from './user.entity';
import { UsersRepository } from './users.repository';

/** Who a personal calendar feed belongs to, and the version its token must carry. */
export interface FeedOwner {
  id: string;
  email: string;
  displayName: string;
  locale: string;
  feedTokenVersion: number;
}

export interface ProfileChanges {
  displayName?: string;
  pronouns?: string | null;
  locale?: string;
  timezone?: string;
}

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(UserEntity) private readonly userRepository: Repository<UserEntity>,
    @Inject(UsersRepository) private readonly repository: UsersRepository,
  ) {}

  find(id: string): Promise<UserEntity | null> {
    return this.userRepository.findOneBy({ id });
  }

  async get(id: string): Promise<UserEntity> {
    const user = await this.userRepository.findOneBy({ id });
    if (!user) throw notFound('User');
    return user;
  }

  async feedOwner(userId: string): Promise<FeedOwner | null> {
    const row = await this.repository.feedOwner(userId);
    return row
      ? {
          id: row.id,
          email: row.email,
          displayName: row.display_name,
          locale: row.locale,
          feedTokenVersion: row.feed_token_version,
        }
      : null;
  }

  /** The version the person's feed token carries; `rotate` moves it on, so every earlier URL stops working. */
  async feedTokenVersion(userId: string, rotate: boolean): Promise<number> {
    const version = await this.repository.feedTokenVersion(userId, rotate);
    if (version === null) throw notFound('User');
    return version;
  }

  findByEmail(email: string, tx?: EntityManager): Promise<UserEntity | null> {
    return this.repository.findByEmail(email, tx);
  }

  /**
   * Finds the account for an address or creates it. Concurrent calls for the same new address end
   * with the same row: the unique index decides, and the loser reads the winner's row.
   */
  async findOrCreateByEmail(tx: EntityManager, email: string): Promise<UserEntity> {
    const existing = await this.findByEmail(email, tx);
    if (existing) return existing;
    const displayName = email.split('@')[0].slice(0, 100) || 'Member';
    await this.repository.insertIfAbsent(tx, email, displayName);
    const user = await this.findByEmail(email, tx);
    if (!user) throw notFound('User');
    return user;
  }

  /** The account ids of these addresses that have one, keyed by the lower-cased address. */
  async idsByEmail(tx: EntityManager, emails: string[]): Promise<Map<string, string>> {
    const rows = await this.repository.idsByEmail(tx, emails);
    return new Map(rows.map((r) => [r.email, r.id]));
  }

  /**
   * Finds or creates the account of every address (as the magic-link sign-in does for one: the
   * display name given, else the local part), in one statement however many; keyed by the
   * lower-cased address. Which of them were created is returned too.
   */
  async findOrCreateMany(
    tx: EntityManager,
    people: Array<{ email: string; displayName: string }>,
  ): Promise<{ ids: Map<string, string>; created: string[] }> {
    const rows = await this.repository.findOrInsertMany(tx, people);
    const ids = new Map(rows.map((r) => [r.email, r.id]));
    const missing = people.filter((p) => !ids.has(p.email.toLowerCase())).map((p) => p.email);
    // Claimed by a concurrent transaction after this one's snapshot: read them now they exist.
    if (missing.length > 0) for (const [email, id] of await this.idsByEmail(tx, missing)) ids.set(email, id);
    return { ids, created: rows.filter((r) => r.created).map((r) => r.email) };
  }

  /** Zones are stored by their modern IANA name (Asia/Calcutta → Asia/Kolkata), which PostgreSQL knows too. */
  async updateProfile(id: string, changes: ProfileChanges): Promise<UserEntity> {
    const stored = changes.timezone ? { ...changes, timezone: modernTimeZone(changes.timezone) } : changes;
    if (Object.keys(stored).length > 0) await this.userRepository.update({ id }, stored);
    return this.get(id);
  }

  /** The first sign-in step done: the profile as chosen, and when. */
  async completeOnboarding(id: string, changes: ProfileChanges, at: Date): Promise<UserEntity> {
    await this.updateProfile(id, changes);
    await this.userRepository.update({ id }, { onboardedAt: at });
    return this.get(id);
  }

  async create(
    tx: EntityManager,
    user: Pick<UserEntity, 'email' | 'displayName'> & Partial<UserEntity>,
  ): Promise<UserEntity> {
    try {
      const row = tx.create(UserEntity, {
        locale: 'en',
        timezone: null,
        instanceRole: 'member',
        pronouns: null,
        ...user,
      });
      return await tx.withRepository(this.userRepository).save(row);
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_users_email'))
        throw new DomainError('CONFLICT', 'An account with this email exists');
      throw error;
    }
  }

  /** The account about to be erased, read in the erasing transaction; null when there is none. */
  async forErasure(
    tx: EntityManager,
    userId: string,
  ): Promise<{ email: string; instanceRole: string } | null> {
    const row = await this.repository.forErasure(tx, userId);
    return row ? { email: row.email, instanceRole: row.instance_role } : null;
  }

  /**
   * Locks the account's row until the caller's transaction ends: rows referring to it (an RSVP, its
   * history) cannot be added meanwhile.
   */
  lockForErasure(tx: EntityManager, userId: string): Promise<void> {
    return this.repository.lockForErasure(tx, userId);
  }

  /**
   * Deletes the account (its sessions, tokens and everything keyed to it go by ON DELETE CASCADE) and
   * the sign-in links sent to its address, in the caller's transaction.
   */
  async erase(tx: EntityManager, userId: string, email: string): Promise<void> {
    await this.repository.erase(tx, userId, email);
  }
}

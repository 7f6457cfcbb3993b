import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { Clock, DomainError, Env, RateLimiterService, addMs, hashToken, randomToken } from '@app/core';
import { OutboxService } from '@app/mail';
import { toLanguage } from '@app/i18n';
import { renderMagicLinkMail } from '@app/notifications';
import { identityError } from '../identity.errors';
import { IssuedSession, SessionsService } from '../sessions/sessions.service';
import { UserEntity } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import { UsersService } from '../users/users.service';
import { MagicLinkEntity, MagicLinkPurpose } from './magic-link.entity';
import { MagicLinksRepository } from './magic-links.repository';
import { PasswordFailuresRepository } from './password-failures.repository';
import { dummyHash, hashPassword, passwordProblem, verifyPassword } from './password-hasher';
import { isKnownDevice, knownDeviceToken } from './password-throttle';

export const MAGIC_LINK_TTL_MINUTES = 15;
const QUARTER_HOUR = 15 * 60 * 1000;

export interface SignedIn extends IssuedSession {
  user: UserEntity;
  /** For the known-device cookie: this browser has signed in to this account (see password-throttle). */
  deviceToken: string;
}

/** Password sign-in for organizers, emailed magic links for everyone, and sign-out. */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(Env) private readonly env: Env,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(RateLimiterService) private readonly rateLimiter: RateLimiterService,
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(SessionsService) private readonly sessions: SessionsService,
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(PasswordFailuresRepository) private readonly failures: PasswordFailuresRepository,
    @InjectRepository(UserEntity) private readonly userRepository: Repository<UserEntity>,
    @Inject(UsersRepository) private readonly usersRepository: UsersRepository,
    @Inject(MagicLinksRepository) private readonly magicLinks: MagicLinksRepository,
  ) {}

  /**
   * Throttled per (account, client address) with growing delays, per address, and per account
   * with the account's known devices exempt (password-throttle.ts): failures from elsewhere never
   * lock the owner out. The attempt counts as a failure until the password proves right.
   */
  async loginWithPassword(
    email: string,
    password: string,
    clientIp: string,
    deviceToken?: string,
  ): Promise<SignedIn> {
    const found = await this.usersRepository.findWithPasswordHashByEmail(email);
    const attempt = {
      account: email,
      client: clientIp,
      knownDevice: found
        ? isKnownDevice(deviceToken, found.id, this.env.signingSecret, this.clock.now())
        : false,
    };
    const refusal = await this.failures.begin(attempt);
    if (refusal) {
      throw new DomainError(
        'RATE_LIMITED',
        'Too many sign-in attempts; try again later, or sign in with an emailed link',
        refusal,
      );
    }
    // Verify against a dummy hash when there is no account or no password, so timing says nothing.
    const ok = await verifyPassword(found?.passwordHash ?? (await dummyHash()), password);
    if (!found || !found.passwordHash || !ok) {
      throw identityError('INVALID_CREDENTIALS', 'Email or password is incorrect');
    }
    await this.failures.succeeded(attempt);
    const session = await this.sessions.issue(this.dataSource.manager, found.id);
    this.logger.log(`password sign-in user=${found.id}`);
    return { ...session, user: found, deviceToken: this.deviceToken(found.id) };
  }

  /**
   * Always answers the same way, whether or not the address has an account: the link is mailed in
   * both cases (an unknown address becomes an account when the link is used).
   */
  async requestMagicLink(email: string, clientIp: string, locale?: string): Promise<void> {
    await this.rateLimiter.consume(
      { key: `magic:email:${email.toLowerCase()}`, limit: 5, windowMs: QUARTER_HOUR },
      { key: `magic:ip:${clientIp}`, limit: 30, windowMs: QUARTER_HOUR },
    );
    await this.dataSource.transaction(async (tx) => {
      const user = await this.users.findByEmail(email, tx);
      const token = await this.createMagicLink(tx, user?.email ?? email, 'sign_in', MAGIC_LINK_TTL_MINUTES);
      const mail = renderMagicLinkMail({
        link: this.magicLinkUrl(token, user?.locale ?? locale),
        locale: user?.locale ?? locale,
        expiresInMinutes: MAGIC_LINK_TTL_MINUTES,
      });
      await this.outbox.enqueue(tx, {
        purpose: 'magic_link',
        to: user?.email ?? email,
        userId: user?.id ?? null,
        ...mail,
      });
    });
  }

  /**
   * Single use: the UPDATE … WHERE used_at IS NULL lets exactly one of two racing requests win.
   * Password failures never block it: whoever holds the mailbox can always sign in.
   */
  async consumeMagicLink(token: string, clientIp: string): Promise<SignedIn> {
    await this.rateLimiter.consume({
      key: `magic-consume:ip:${clientIp}`,
      limit: 60,
      windowMs: QUARTER_HOUR,
    });
    return this.dataSource.transaction(async (tx) => {
      const link = await this.magicLinks.consume(tx, hashToken(token), this.clock.now());
      if (!link) throw identityError('MAGIC_LINK_INVALID', 'This sign-in link is invalid, used or expired');
      const user = await this.users.findOrCreateByEmail(tx, link.email);
      const session = await this.sessions.issue(tx, user.id);
      this.logger.log(`magic-link sign-in user=${user.id} purpose=${link.purpose}`);
      return { ...session, user, deviceToken: this.deviceToken(user.id) };
    });
  }

  private deviceToken(userId: string): string {
    return knownDeviceToken(userId, this.env.signingSecret, this.clock.now());
  }

  async logout(sessionId: string): Promise<void> {
    await this.sessions.revoke(sessionId);
  }

  async setPassword(userId: string, newPassword: string, currentPassword?: string): Promise<void> {
    const problem = passwordProblem(newPassword);
    if (problem) throw identityError('PASSWORD_TOO_WEAK', problem);
    const user = await this.usersRepository.getWithPasswordHash(userId);
    if (user.passwordHash) {
      if (!currentPassword || !(await verifyPassword(user.passwordHash, currentPassword))) {
        throw identityError('CURRENT_PASSWORD_REQUIRED', 'The current password is needed to change it');
      }
    }
    await this.userRepository.update({ id: userId }, { passwordHash: await hashPassword(newPassword) });
  }

  async createMagicLink(
    tx: EntityManager,
    email: string,
    purpose: MagicLinkPurpose,
    ttlMinutes: number,
  ): Promise<string> {
    const token = randomToken();
    const now = this.clock.now();
    await tx.insert(MagicLinkEntity, {
      email,
      tokenHash: hashToken(token),
      purpose,
      createdAt: now,
      expiresAt: addMs(now, ttlMinutes * 60_000),
      usedAt: null,
    });
    return token;
  }

  /**
   * The page behind the link only shows a button; nothing is consumed by a GET (mail scanners). The
   * link carries the language its mail was written in, so the page speaks it to someone not signed in.
   */
  magicLinkUrl(token: string, locale?: string | null): string {
    const lang = locale ? `&lang=${toLanguage(locale)}` : '';
    return `${this.env.publicBaseUrl}/auth/magic?token=${encodeURIComponent(token)}${lang}`;
  }
}
